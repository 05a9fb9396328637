package history_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/history"
)

func TestSelectNilFilter(t *testing.T) {
	es := []history.Entry{{Run: "a"}, {Run: "b"}}
	assert.Len(t, history.Select(es, nil), 2, "a nil filter keeps everything")
	assert.Len(t, history.Select(es, nil, func(e history.Entry) bool { return e.Run == "a" }), 1)
}
