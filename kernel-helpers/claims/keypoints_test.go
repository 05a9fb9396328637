package claims_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/claims"
)

func TestKeyPointsText(t *testing.T) {
	points := []claims.Point{{Claim: "002-gil-is-for", Text: "The GIL protects the interpreter, not your data."}}
	md, err := claims.KeyPointsText(points, nil)
	require.NoError(t, err)
	assert.Equal(t, "* The GIL protects the interpreter, not your data. *Here:* not measured yet; run the cell that shows claim `002-gil-is-for` above.\n", md)

	rec := map[string]claims.Figures{"002-gil-is-for": {"go.gomaxprocs1.lost.pct": 40,
		"cpython.gil": 1, "cpython.plain.lost": 0, "cpython.split.lost": 300000, "cpython.expected": 800000}}
	md, err = claims.KeyPointsText(points, rec)
	require.NoError(t, err)
	v, err := claims.Check("002-gil-is-for", rec["002-gil-is-for"])
	require.NoError(t, err)
	assert.Contains(t, md, "*Here:* Go "+v.Go+"; CPython "+v.CPython)
	assert.Contains(t, md, "(tutorial 002's claim: disagrees).", "the verdict comes from the figures, and can say no")

	_, err = claims.KeyPointsText([]claims.Point{{Claim: "no-such-claim", Text: "x"}}, nil)
	assert.Error(t, err)
}
