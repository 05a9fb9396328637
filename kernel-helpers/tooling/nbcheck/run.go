package nbcheck

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"concurrencylab/kernel-helpers/tooling/jupyter"
)

// Run executes the notebook at path through real Jupyter (env), into a
// copy in tmpDir, and returns the problems [Check] finds in the executed
// copy. A cell past the timeout is a problem too. The error is for a run
// that could not happen at all, such as Jupyter failing to start.
//
// The machine paths searched for are opts.Paths plus the notebook's folder,
// its parent, $HOME, the temporary folder and tmpDir.
func Run(ctx context.Context, env *jupyter.Env, path, tmpDir string, exec jupyter.ExecOptions, opts Options) ([]Problem, error) {
	out := filepath.Join(tmpDir, filepath.Base(path))
	err := env.Execute(ctx, path, out, exec)
	var timeout *jupyter.TimeoutError
	if errors.As(err, &timeout) {
		return []Problem{{Cell: -1, Message: timeout.Error()}}, nil
	}
	if err != nil {
		return nil, err
	}
	nb, err := Load(out)
	if err != nil {
		return nil, err
	}
	if abs, err := filepath.Abs(path); err == nil {
		opts.Paths = append(opts.Paths, filepath.Dir(abs), filepath.Dir(filepath.Dir(abs)))
	}
	home, _ := os.UserHomeDir()
	opts.Paths = append(opts.Paths, home, strings.TrimSuffix(os.TempDir(), "/")+"/", tmpDir)
	return Check(nb, opts), nil
}
