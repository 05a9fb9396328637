package hub

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// client speaks to the hub and, through its proxy, to the learners' servers.
type client struct {
	base string // http://127.0.0.1:PORT
	http *http.Client
}

func newClient(base string) *client {
	return &client{base: strings.TrimSuffix(base, "/"), http: &http.Client{
		Timeout: 60 * time.Second,
		// Loopback only, and never to another host by a redirect.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// do sends a JSON request (body may be nil) with the token, and decodes a
// JSON answer into out (may be nil). It returns the status code.
func (c *client) do(ctx context.Context, method, path, token string, body, out any) (int, error) {
	var r io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, r)
	if err != nil {
		return 0, err
	}
	if token != "" {
		req.Header.Set("Authorization", "token "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode >= 300 {
		return resp.StatusCode, fmt.Errorf("%s %s: %s: %.200s", method, path, resp.Status, data)
	}
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return resp.StatusCode, nil
}

// login logs the learner in as a browser does (the login form: the hub
// adds a learner it has not seen to its database only there), then asks the
// REST API for a token with the same name and password (the body's "auth",
// checked with PAM again).
func (c *client) login(ctx context.Context, user, password string) (string, error) {
	form := url.Values{"username": {user}, "password": {password}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/hub/login", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.http.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return "", fmt.Errorf("login %s: the login form answered %s (403: wrong password)", user, resp.Status)
	}
	var out struct {
		Token string `json:"token"`
	}
	body := map[string]any{"auth": map[string]string{"username": user, "password": password}, "note": "concurrencylab load test", "expires_in": 3600}
	if _, err := c.do(ctx, http.MethodPost, "/hub/api/users/"+user+"/tokens", "", body, &out); err != nil {
		return "", err
	}
	if out.Token == "" {
		return "", fmt.Errorf("login %s: no token in the answer", user)
	}
	return out.Token, nil
}

// startServer asks for the learner's server and waits until it is ready.
func (c *client) startServer(ctx context.Context, user, token string) error {
	if code, err := c.do(ctx, http.MethodPost, "/hub/api/users/"+user+"/server", token, nil, nil); err != nil && code != http.StatusBadRequest {
		return err // 400: already running
	}
	for {
		var u struct {
			Server  *string `json:"server"`
			Pending *string `json:"pending"`
		}
		if _, err := c.do(ctx, http.MethodGet, "/hub/api/users/"+user, token, nil, &u); err != nil {
			return err
		}
		if u.Server != nil && u.Pending == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("server of %s not ready: %w", user, ctx.Err())
		case <-time.After(300 * time.Millisecond):
		}
	}
}

func (c *client) stopServer(ctx context.Context, user, token string) error {
	_, err := c.do(ctx, http.MethodDelete, "/hub/api/users/"+user+"/server", token, nil, nil)
	return err
}
