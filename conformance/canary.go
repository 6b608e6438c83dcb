package conformance

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Canaries catch what a refusal code cannot show: an implementation that refuses a
// hostile message with the right code after expanding its entities, or after fetching
// what it names. Hostile templates use these placeholders:
//
//	canary.a, canary.b   two halves of a secret; an internal entity joins them, so the
//	                     whole secret appears in an answer only if the entity was expanded
//	canary.url           a loopback URL the harness listens on for the case; any
//	                     connection to it is a fetch, and what it serves is a second secret
//	canary.file          a file:// URL of a file holding a third secret
//
// Every answer of the case is searched for the secrets, and the listener must see no
// connection at all by the end of the case. The listener and the file exist on the
// harness's machine: an implementation elsewhere cannot reach them, which makes a fetch
// fail rather than show (run the harness beside the implementation to catch that too).
type canaries struct {
	mu       sync.Mutex
	expanded string // canary.a + canary.b
	served   string // what canary.url serves
	inFile   string // what canary.file holds
	vars     map[string]string
	ln       net.Listener
	dir      string
	hits     []string // first line of every connection the listener accepted
	done     chan struct{}
}

func secret(kind string) string {
	var b [12]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return "jcx-canary-" + kind + "-" + hex.EncodeToString(b[:])
}

// lookup returns the value of a canary placeholder, setting up the listener or the file
// the first time one is used.
func (c *canaries) lookup(name string) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.vars == nil {
		c.vars = map[string]string{}
	}
	if v, ok := c.vars[name]; ok {
		return v, true, nil
	}
	switch name {
	case "canary.a", "canary.b":
		if c.expanded == "" {
			c.expanded = secret("entity")
			half := len(c.expanded) / 2
			c.vars["canary.a"], c.vars["canary.b"] = c.expanded[:half], c.expanded[half:]
		}
	case "canary.url":
		if err := c.listen(); err != nil {
			return "", true, err
		}
		c.vars[name] = "http://" + c.ln.Addr().String() + "/" + secret("path")
	case "canary.file":
		c.inFile = secret("file")
		dir, err := os.MkdirTemp("", "jcx-canary-")
		if err != nil {
			return "", true, err
		}
		c.dir = dir
		f := filepath.Join(dir, "canary.txt")
		if err := os.WriteFile(f, []byte(c.inFile), 0o600); err != nil {
			return "", true, err
		}
		c.vars[name] = (&url.URL{Scheme: "file", Path: filepath.ToSlash(f)}).String()
	default:
		return "", false, nil
	}
	return c.vars[name], true, nil
}

// listen starts the loopback listener that records every connection.
func (c *canaries) listen() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	c.ln, c.served, c.done = ln, secret("fetched"), make(chan struct{})
	go func() {
		defer close(c.done)
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go c.serve(conn)
		}
	}()
	return nil
}

// serve records the connection's first line and answers like a web server would, with
// the secret as the document, so that a fetch that is used shows in the answer too.
func (c *canaries) serve(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	line, _ := bufio.NewReader(conn).ReadString('\n')
	line = strings.TrimSpace(line)
	if line == "" {
		line = "a connection"
	}
	c.mu.Lock()
	c.hits = append(c.hits, trimTo(line, 120))
	served := c.served
	c.mu.Unlock()
	fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(served), served)
}

// leak returns what an answer or the listener shows leaked, or "".
func (c *canaries) leak(answer []byte) string {
	if c == nil {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.expanded != "" && bytes.Contains(answer, []byte(c.expanded)):
		return "the answer contains the replacement text of an internal entity (" + c.expanded + "): the implementation expanded an entity of a message it must refuse"
	case c.served != "" && bytes.Contains(answer, []byte(c.served)):
		return "the answer contains what " + c.vars["canary.url"] + " serves: the implementation fetched a resource the message names and used it"
	case c.inFile != "" && bytes.Contains(answer, []byte(c.inFile)):
		return "the answer contains the content of the local file " + c.vars["canary.file"] + ": the implementation read a file an external entity names"
	case len(c.hits) > 0:
		return fmt.Sprintf("the implementation connected to %s, which the message names (%q): a receiver must never fetch what a message names — external entities, DTDs, XInclude, schemaLocation",
			c.vars["canary.url"], c.hits[0])
	}
	return ""
}

// close stops the listener and removes the file.
func (c *canaries) close() {
	if c == nil {
		return
	}
	if c.ln != nil {
		c.ln.Close()
		<-c.done
	}
	if c.dir != "" {
		os.RemoveAll(c.dir)
	}
}
