package hub

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// message is a Jupyter message as the notebook server's kernel channel
// (JSON over a WebSocket) carries it.
type message struct {
	Header       header         `json:"header"`
	ParentHeader header         `json:"parent_header"`
	Metadata     map[string]any `json:"metadata"`
	Content      map[string]any `json:"content"`
	Channel      string         `json:"channel"`
	Buffers      []any          `json:"buffers"`
}

type header struct {
	MsgID    string `json:"msg_id,omitempty"`
	MsgType  string `json:"msg_type,omitempty"`
	Session  string `json:"session,omitempty"`
	Username string `json:"username,omitempty"`
	Version  string `json:"version,omitempty"`
	Date     string `json:"date,omitempty"`
}

func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Cell is what one executed cell gave back.
type Cell struct {
	Index    int           `json:"index"`
	Status   string        `json:"status"` // execute_reply's: ok, error, aborted; "timeout" when none came
	Errors   []string      `json:"errors,omitempty"`
	Stderr   string        `json:"stderr,omitempty"`
	Displays int           `json:"displays"` // display_data and execute_result outputs
	Plots    int           `json:"plots"`    // of which SVG images (as image/svg+xml or an <img> of one)
	Took     time.Duration `json:"took"`
}

// Failed reports whether the cell went wrong: a status other than ok, an
// error output, or a panic on standard error.
func (c Cell) Failed() bool {
	return c.Status != "ok" || len(c.Errors) > 0 || strings.Contains(c.Stderr, "panic:")
}

// kernel is a connection to one kernel's channels.
type kernel struct {
	ws      *wsConn
	session string
	user    string
	msgs    chan message
	errc    chan error
}

func openKernel(ctx context.Context, base, user, token, kernelID string) (*kernel, error) {
	session := newID()
	u := fmt.Sprintf("%s/user/%s/api/kernels/%s/channels?session_id=%s", base, user, kernelID, session)
	h := http.Header{"Authorization": {"token " + token}}
	ws, err := dialWebSocket(ctx, u, h)
	if err != nil {
		return nil, err
	}
	k := &kernel{ws: ws, session: session, user: user, msgs: make(chan message, 256), errc: make(chan error, 1)}
	go k.read()
	return k, nil
}

func (k *kernel) read() {
	defer close(k.msgs)
	for {
		op, data, err := k.ws.ReadMessage()
		if err != nil {
			k.errc <- err
			return
		}
		if op != opText {
			continue // binary messages carry buffers the course does not use
		}
		var m message
		if json.Unmarshal(data, &m) == nil {
			k.msgs <- m
		}
	}
}

func (k *kernel) Close() { k.ws.Close() }

func (k *kernel) send(channel, msgType string, content map[string]any) (string, error) {
	id := newID()
	m := message{Header: header{MsgID: id, MsgType: msgType, Session: k.session, Username: k.user, Version: "5.3",
		Date: time.Now().UTC().Format(time.RFC3339Nano)}, Metadata: map[string]any{}, Content: content, Channel: channel, Buffers: []any{}}
	data, err := json.Marshal(m)
	if err != nil {
		return "", err
	}
	return id, k.ws.WriteText(data)
}

// handshake asks for kernel_info until a reply comes, as front ends do: a
// request sent before the kernel's channels are up can be lost.
func (k *kernel) handshake(ctx context.Context) error {
	for {
		id, err := k.send("shell", "kernel_info_request", map[string]any{})
		if err != nil {
			return err
		}
		retry := time.After(2 * time.Second)
	wait:
		for {
			select {
			case <-ctx.Done():
				return fmt.Errorf("no kernel_info_reply: %w", ctx.Err())
			case err := <-k.errc:
				return err
			case <-retry:
				break wait
			case m, ok := <-k.msgs:
				if !ok {
					return errors.New("kernel channel closed")
				}
				if m.ParentHeader.MsgID == id && m.Header.MsgType == "kernel_info_reply" {
					return nil
				}
			}
		}
	}
}

// execute runs code and waits for both its execute_reply and the kernel's
// return to idle (GoNB may send the reply before the outputs).
func (k *kernel) execute(ctx context.Context, index int, code string, timeout time.Duration) Cell {
	start := time.Now()
	c := Cell{Index: index}
	id, err := k.send("shell", "execute_request", map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true})
	if err != nil {
		c.Status, c.Errors = "error", []string{err.Error()}
		return c
	}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	replied, idle := false, false
	for !(replied && idle) {
		select {
		case <-ctx.Done():
			c.Status = "timeout"
			c.Errors = append(c.Errors, ctx.Err().Error())
			c.Took = time.Since(start)
			return c
		case <-deadline.C:
			c.Status = "timeout"
			c.Errors = append(c.Errors, fmt.Sprintf("no reply within %v (reply %v, idle %v)", timeout, replied, idle))
			c.Took = time.Since(start)
			return c
		case err := <-k.errc:
			c.Status, c.Errors = "error", append(c.Errors, "kernel channel: "+err.Error())
			return c
		case m, ok := <-k.msgs:
			if !ok {
				c.Status, c.Errors = "error", append(c.Errors, "kernel channel closed")
				return c
			}
			if m.ParentHeader.MsgID != id {
				continue
			}
			switch m.Header.MsgType {
			case "execute_reply":
				replied = true
				c.Status, _ = m.Content["status"].(string)
			case "status":
				if m.Content["execution_state"] == "idle" {
					idle = true
				}
			case "error":
				name, _ := m.Content["ename"].(string)
				value, _ := m.Content["evalue"].(string)
				c.Errors = append(c.Errors, name+": "+value)
			case "stream":
				if m.Content["name"] == "stderr" {
					text, _ := m.Content["text"].(string)
					c.Stderr += text
				}
			case "display_data", "execute_result", "update_display_data":
				c.Displays++
				if isPlot(m.Content["data"]) {
					c.Plots++
				}
			}
		}
	}
	c.Took = time.Since(start)
	return c
}

// isPlot reports whether an output's data holds an SVG image.
func isPlot(data any) bool {
	d, ok := data.(map[string]any)
	if !ok {
		return false
	}
	if _, ok := d["image/svg+xml"]; ok {
		return true
	}
	html, _ := d["text/html"].(string)
	return strings.Contains(html, "data:image/svg+xml")
}
