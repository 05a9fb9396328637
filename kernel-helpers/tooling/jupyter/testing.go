package jupyter

import (
	"context"
	"errors"
	"os"
	"testing"
)

// RequireEnv is the environment variable that turns a missing Jupyter from
// a skipped test into a failed one. `make test` sets it to 1.
const RequireEnv = "REQUIRE_NOTEBOOKS"

// ForTest returns an [Env] with the GoNB kernel installed in a temporary
// folder of t, with extra environment variables for the cells. When Jupyter
// or GoNB is missing it skips t, or fails it if [RequireEnv] is "1", so a
// plain `go test ./...` passes on a machine without Jupyter.
func ForTest(t testing.TB, extra ...string) *Env {
	t.Helper()
	e, err := New(context.Background(), t.TempDir())
	switch {
	case errors.Is(err, ErrMissing) && os.Getenv(RequireEnv) != "1":
		t.Skipf("skipping notebook test: %v (set %s=1 to make this a failure)", err, RequireEnv)
	case err != nil:
		t.Fatalf("notebook tests need Jupyter and GoNB (%s=1): %v", RequireEnv, err)
	}
	e.Extra = append(e.Extra, extra...)
	return e
}
