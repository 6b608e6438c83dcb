package conformance

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"time"
)

// The exec protocol (docs/exec-protocol.md): the implementation is one long-lived process.
// For each exchange the harness writes one line to its standard input,
//
//	{"id":"17","contentType":"application/xml","body":"<base64 of the message>"}
//
// and the process answers, in any order, with one line on its standard output,
//
//	{"id":"17","contentType":"application/xml","body":"<base64 of the answer>"}
//
// or {"id":"17","error":"why there is no answer"}. Standard error is the process's own.
// Closing standard input asks it to exit.
type execRequest struct {
	ID          string `json:"id"`
	ContentType string `json:"contentType"`
	Body        []byte `json:"body"`
}

type execResponse struct {
	ID          string `json:"id"`
	ContentType string `json:"contentType"`
	Body        []byte `json:"body"`
	Error       string `json:"error"`
}

// maxExecLine bounds one answer line: the base64 of the largest response plus framing.
const maxExecLine = maxResponse*4/3 + 4096

// ExecTarget is a Target backed by a child process speaking the exec protocol.
type ExecTarget struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser

	wmu sync.Mutex // serialises lines on stdin

	mu      sync.Mutex
	next    int
	pending map[string]chan execResponse
	dead    error // set once the process's output ended
	done    chan struct{}
}

// Exec starts name with args and returns a target that talks to it; the process's
// standard error goes to this process's. Close stops it.
func Exec(ctx context.Context, name string, args ...string) (*ExecTarget, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stderr = os.Stderr
	return ExecCommand(cmd)
}

// ExecCommand is Exec for a command the caller has prepared (environment, directory,
// standard error). Its standard input and output must not be set: they carry the protocol.
func ExecCommand(cmd *exec.Cmd) (*ExecTarget, error) {
	if cmd.Stdin != nil || cmd.Stdout != nil {
		return nil, fmt.Errorf("%w: the exec adapter's standard input and output are the harness's", ErrConfig)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	t := &ExecTarget{cmd: cmd, stdin: stdin, pending: map[string]chan execResponse{}, done: make(chan struct{})}
	go t.read(stdout)
	return t, nil
}

// read dispatches answer lines to the waiting exchanges until the process's output ends.
func (t *ExecTarget) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxExecLine)
	for sc.Scan() {
		var resp execResponse
		if err := json.Unmarshal(sc.Bytes(), &resp); err != nil {
			// A garbage line cannot be attributed to an exchange; those waiting will
			// time out, and the verdicts say so.
			continue
		}
		t.mu.Lock()
		ch, ok := t.pending[resp.ID]
		delete(t.pending, resp.ID)
		t.mu.Unlock()
		if ok {
			ch <- resp
		}
	}
	err := sc.Err()
	if err == nil {
		err = errors.New("the process closed its output")
	}
	t.mu.Lock()
	t.dead = fmt.Errorf("%w: %v", ErrTransport, err)
	for id, ch := range t.pending {
		close(ch)
		delete(t.pending, id)
	}
	t.mu.Unlock()
	close(t.done)
}

// Exchange sends one message and waits for its answer or for ctx.
func (t *ExecTarget) Exchange(ctx context.Context, body []byte, ct string) ([]byte, string, error) {
	t.mu.Lock()
	if t.dead != nil {
		err := t.dead
		t.mu.Unlock()
		return nil, "", err
	}
	t.next++
	id := strconv.Itoa(t.next)
	ch := make(chan execResponse, 1)
	t.pending[id] = ch
	t.mu.Unlock()
	line, err := json.Marshal(execRequest{ID: id, ContentType: ct, Body: body})
	if err != nil {
		return nil, "", err
	}
	t.wmu.Lock()
	_, err = t.stdin.Write(append(line, '\n'))
	t.wmu.Unlock()
	if err != nil {
		t.forget(id)
		return nil, "", fmt.Errorf("%w: writing to the process: %v", ErrTransport, err)
	}
	select {
	case resp, ok := <-ch:
		if !ok {
			t.mu.Lock()
			err := t.dead
			t.mu.Unlock()
			return nil, "", err
		}
		if resp.Error != "" {
			return nil, "", fmt.Errorf("%w: the adapter says: %s", ErrTransport, resp.Error)
		}
		return resp.Body, resp.ContentType, nil
	case <-ctx.Done():
		t.forget(id)
		return nil, "", ctx.Err()
	}
}

func (t *ExecTarget) forget(id string) {
	t.mu.Lock()
	delete(t.pending, id)
	t.mu.Unlock()
}

// closeGrace is how long an adapter may take to exit once its input is closed.
const closeGrace = 5 * time.Second

// Close closes the process's input, which asks it to exit, and waits for it; a process
// still running after five seconds is killed.
func (t *ExecTarget) Close() error {
	t.stdin.Close()
	exited := make(chan error, 1)
	go func() { exited <- t.cmd.Wait() }()
	select {
	case err := <-exited:
		return err
	case <-time.After(closeGrace):
		t.cmd.Process.Kill()
		return <-exited
	}
}
