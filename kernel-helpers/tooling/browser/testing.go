package browser

import (
	"context"
	"errors"
	"os"
	"testing"
)

// RequireEnv turns a missing Chromium from a skipped test into a failed
// one. CI sets it to 1.
const RequireEnv = "REQUIRE_BROWSER"

// ForTest starts a headless Chromium for t and closes it when t ends. When
// no Chromium is installed it skips t, or fails it if [RequireEnv] is "1".
func ForTest(t testing.TB) *Browser {
	t.Helper()
	b, err := New(context.Background())
	switch {
	case errors.Is(err, ErrMissing) && os.Getenv(RequireEnv) != "1":
		t.Skipf("skipping browser test: %v (set %s=1 to make this a failure)", err, RequireEnv)
	case err != nil:
		t.Fatalf("browser tests need Chromium (%s=1): %v", RequireEnv, err)
	}
	t.Cleanup(b.Close)
	return b
}
