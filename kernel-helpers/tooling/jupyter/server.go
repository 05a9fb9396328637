package jupyter

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// Server is a running classic Jupyter Notebook server, on 127.0.0.1 only,
// with token authentication on, as a reader would start it.
type Server struct {
	// URL is the server's base URL, e.g. "http://127.0.0.1:43121/".
	URL   string
	Token string

	cmd  *exec.Cmd
	log  *bytes.Buffer
	done chan struct{}
	once sync.Once
}

// StartNotebook starts the classic Notebook server in dir and waits until it
// answers. Extra arguments go to the server, e.g.
// "--NotebookNotary.data_dir=…" for a notary database of its own. Close
// stops it and its kernels.
func (e *Env) StartNotebook(ctx context.Context, dir string, extra ...string) (*Server, error) {
	port, tok, err := portAndToken()
	if err != nil {
		return nil, err
	}
	args := []string{"notebook", "--no-browser", "--ip=127.0.0.1",
		"--port=" + strconv.Itoa(port), "--port-retries=0",
		"--NotebookApp.token=" + tok, "--notebook-dir=" + dir}
	if os.Geteuid() == 0 {
		// CI machines and containers run as root; Jupyter refuses that
		// unless told, to protect readers who did so by mistake.
		args = append(args, "--allow-root")
	}
	return startServer(ctx, exec.Command(e.Jupyter, append(args, extra...)...), e.environ(), port, tok)
}

// portAndToken picks a free loopback port and a random token for a server.
func portAndToken() (int, string, error) {
	port, err := freePort()
	if err != nil {
		return 0, "", err
	}
	tok := make([]byte, 16)
	if _, err := rand.Read(tok); err != nil {
		return 0, "", err
	}
	return port, hex.EncodeToString(tok), nil
}

// startServer starts cmd, a Jupyter server listening on 127.0.0.1:port
// with token tok, and waits until it answers.
func startServer(ctx context.Context, cmd *exec.Cmd, env []string, port int, tok string) (*Server, error) {
	s := &Server{
		URL:   fmt.Sprintf("http://127.0.0.1:%d/", port),
		Token: tok,
		cmd:   cmd,
		log:   new(bytes.Buffer),
		done:  make(chan struct{}),
	}
	s.cmd.Env = env
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	// Its own process group, so Close stops the kernels it started too.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("jupyter: starting the notebook server: %w", err)
	}
	go func() { _ = s.cmd.Wait(); close(s.done) }()
	if err := s.waitReady(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Page returns the URL that opens the notebook at path (relative to the
// server's folder), token included.
func (s *Server) Page(path string) string {
	return s.URL + "notebooks/" + (&url.URL{Path: path}).EscapedPath() + "?token=" + s.Token
}

// waitReady polls the server's status API until it answers, the server
// exits, or a minute passes.
func (s *Server) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	status := s.URL + "api/status?token=" + s.Token
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, status, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.done:
			return fmt.Errorf("jupyter: the notebook server exited:\n%s", tail(s.log.String(), 20))
		case <-ctx.Done():
			return fmt.Errorf("jupyter: the notebook server did not answer: %w", ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// Close stops the server and every kernel it started, and waits for them.
func (s *Server) Close() {
	s.once.Do(func() {
		// SIGTERM first: Jupyter then shuts its kernels down itself.
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
			<-s.done
		}
	})
}

// freePort asks the kernel for a free TCP port on the loopback interface.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("jupyter: finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
