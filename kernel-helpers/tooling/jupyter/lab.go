package jupyter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
)

// ErrNoLab reports that the course's JupyterLab is not built, or that
// Debian's jupyterlab_server it runs on is missing. `.jupyterlab/lab build`
// (run by `make lab` and `.ci/run`) builds it.
var ErrNoLab = errors.New("jupyter: the course's JupyterLab is not built (run `.jupyterlab/lab build`, or `make lab`)")

// LabScript returns the path of the script that builds and serves the
// course's JupyterLab, `.jupyterlab/lab` in the repository at root.
func LabScript(root string) string { return filepath.Join(root, ".jupyterlab", "lab") }

// CheckLab asks the script at script whether JupyterLab is built and
// servable. It returns an error wrapping [ErrNoLab], with the script's own
// explanation, when it is not.
func CheckLab(ctx context.Context, script string) error {
	out, err := exec.CommandContext(ctx, script, "check").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%w: %s", ErrNoLab, strings.TrimSpace(string(out)))
	}
	return nil
}

// StartLab starts the course's JupyterLab (served by script, see
// [LabScript]) in dir, on 127.0.0.1 with a random token, and waits until it
// answers. JupyterLab's user settings, workspaces and the server's runtime
// files go to stateDir, so a test never touches the reader's. Extra
// arguments go to jupyter_server, e.g. "--NotebookNotary.data_dir=…".
// Close stops it and its kernels.
func (e *Env) StartLab(ctx context.Context, script, dir, stateDir string, extra ...string) (*Server, error) {
	if err := CheckLab(ctx, script); err != nil {
		return nil, err
	}
	port, tok, err := portAndToken()
	if err != nil {
		return nil, err
	}
	args := []string{"serve", "--ServerApp.ip=127.0.0.1", "--ServerApp.open_browser=False",
		"--ServerApp.port=" + strconv.Itoa(port), "--ServerApp.port_retries=0",
		"--ServerApp.token=" + tok, "--ServerApp.root_dir=" + dir}
	if os.Geteuid() == 0 {
		args = append(args, "--ServerApp.allow_root=True")
	}
	env := append(e.environ(),
		"JUPYTERLAB_SETTINGS_DIR="+filepath.Join(stateDir, "settings"),
		"JUPYTERLAB_WORKSPACES_DIR="+filepath.Join(stateDir, "workspaces"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(stateDir, "runtime"))
	return startServer(ctx, exec.Command(script, append(args, extra...)...), env, port, tok)
}

// LabPage returns the URL that opens the notebook at path (relative to the
// server's folder) in JupyterLab, token included, in a new workspace of its
// own: a page opened in a workspace another page used may restore that
// page's state instead.
func (s *Server) LabPage(path string) string {
	return fmt.Sprintf("%slab/workspaces/page%d/tree/%s?reset&token=%s",
		s.URL, labPages.Add(1), (&url.URL{Path: path}).EscapedPath(), s.Token)
}

// labPages numbers the workspaces of [Server.LabPage].
var labPages atomic.Int64

// Log returns what the server wrote so far, for a test failure. Call it
// after Close.
func (s *Server) Log() string {
	return string(bytes.Clone(s.log.Bytes()))
}
