package claims

import (
	"bytes"
	"encoding/gob"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDisplayDataEncodes sends what Show and Ledger attach through gob as
// GoNB does: as values of an interface type.
func TestDisplayDataEncodes(t *testing.T) {
	for _, data := range []any{
		map[string]any{"id": "002-gil-is-for", "figures": Figures{"cores": 2}},
		map[string]any{"ledger": "02-threads", "figures": map[string]Figures{"x": {"a": 1}}},
	} {
		in := map[string]any{MIMEType: data}
		var buf bytes.Buffer
		require.NoError(t, gob.NewEncoder(&buf).Encode(in))
		var out map[string]any
		require.NoError(t, gob.NewDecoder(&buf).Decode(&out))
		require.Equal(t, in, out)
	}
}
