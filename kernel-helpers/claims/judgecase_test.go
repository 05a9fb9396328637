package claims

import (
	"maps"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The table-test pieces every notebook's judge tests share.

// judgeCase is one made-up set of figures and the verdict it must give.
type judgeCase struct {
	name string
	f    Figures
	want Outcome
	text string
}

// runJudge checks a judge on each case: its outcome, a piece of its text,
// a condition named for every "depends on", and never a verdict that
// judges against the course instead of the tutorial.
func runJudge(t *testing.T, judge func(Figures) Verdict, cases []judgeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := judge(tc.f)
			assert.Equal(t, tc.want, v.Outcome, v.Text)
			assert.Contains(t, v.Text, tc.text)
			if tc.want == DependsOn {
				assert.NotEmpty(t, v.Condition)
			}
			assert.NotContains(t, v.Text, "the course")
		})
	}
}

// plus returns a copy of base with extra's figures added or replaced.
func plus(base, extra Figures) Figures {
	f := maps.Clone(base)
	if f == nil {
		f = Figures{}
	}
	maps.Copy(f, extra)
	return f
}
