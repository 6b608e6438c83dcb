//go:build unix

package exchangelog

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
)

// TestCrashLosesNothingAcknowledged kills a writer with SIGKILL at arbitrary moments, in a
// loop, and requires after each kill that the log opens, passes a full check, and holds
// every leaf whose Append had returned, at the index it returned.
func TestCrashLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes in a loop")
	}
	dir := t.TempDir()
	skey, vkey, err := note.GenerateKey(nil, "crash.example.test/log")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := note.NewSigner(skey)
	v, _ := note.NewVerifier(vkey)
	if err := Init(dir, s); err != nil {
		t.Fatal(err)
	}
	acked := make(map[int64]string) // index → entry, hex
	const rounds = 8
	for round := range rounds {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
		cmd.Env = append(os.Environ(), "JCX_LOG_CRASH_DIR="+dir, "JCX_LOG_CRASH_KEY="+skey,
			"JCX_LOG_CRASH_VKEY="+vkey, "JCX_LOG_CRASH_ROUND="+strconv.Itoa(round))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var lines []string
		done, first := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			r := bufio.NewReader(out)
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return // a line cut by the kill was never acknowledged
				}
				if lines = append(lines, line); len(lines) == 1 {
					close(first)
				}
			}
		}()
		// Kill after a time that varies by round, counted from the first acknowledged
		// append (a loaded machine may take long to start the child), so that the kill
		// lands in different phases of a commit (writing bundles and tiles, syncing,
		// renaming the checkpoint).
		select {
		case <-first:
		case <-done:
		case <-time.After(time.Minute):
		}
		time.Sleep(time.Duration(100+round*61) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		cmd.Wait()
		for _, line := range lines {
			idx, e, ok := strings.Cut(strings.TrimSpace(line), " ")
			if !ok {
				continue // "ready"
			}
			i, err := strconv.ParseInt(idx, 10, 64)
			if err != nil {
				t.Fatalf("child wrote %q", line)
			}
			acked[i] = e
		}
		l, err := Open(context.Background(), dir, s, v)
		if err != nil {
			t.Fatalf("round %d: open after kill: %v", round, err)
		}
		if err := l.Check(context.Background()); err != nil {
			t.Fatalf("round %d: check after kill: %v", round, err)
		}
		all := allEntries(t, l)
		for i, e := range acked {
			if i >= int64(len(all)) {
				t.Fatalf("round %d: acknowledged leaf %d lost: log holds %d", round, i, len(all))
			}
			if hex.EncodeToString(all[i]) != e {
				t.Fatalf("round %d: leaf %d is not the one acknowledged", round, i)
			}
		}
		t.Logf("round %d: %d acknowledged so far, log holds %d", round, len(acked), l.Size())
		l.Close()
	}
	if len(acked) == 0 {
		t.Fatal("the child never acknowledged an append")
	}
}

// TestCrashChild is the writer TestCrashLosesNothingAcknowledged kills; it does nothing
// when run on its own.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv("JCX_LOG_CRASH_DIR")
	if dir == "" {
		t.Skip("run by TestCrashLosesNothingAcknowledged")
	}
	s, err := note.NewSigner(os.Getenv("JCX_LOG_CRASH_KEY"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := note.NewVerifier(os.Getenv("JCX_LOG_CRASH_VKEY"))
	if err != nil {
		t.Fatal(err)
	}
	round, _ := strconv.Atoi(os.Getenv("JCX_LOG_CRASH_ROUND"))
	l, err := Open(context.Background(), dir, s, v)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := range 64 {
		wg.Go(func() {
			for k := 0; ; k++ {
				e := mustEntry(t, testLeaf(round<<24|g<<20|k))
				i, err := l.Append(context.Background(), e2leaf(t, e))
				if err != nil {
					panic(err)
				}
				var b bytes.Buffer
				fmt.Fprintf(&b, "%d %x\n", i, e)
				mu.Lock()
				os.Stdout.Write(b.Bytes())
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}

func e2leaf(t testing.TB, e []byte) Leaf {
	l, err := ParseLeaf(e)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// allEntries reads every entry of the log, checked against its tiles.
func allEntries(t *testing.T, l *Log) [][]byte {
	t.Helper()
	l.mu.Lock()
	tree := l.tree
	l.mu.Unlock()
	var all [][]byte
	for start := int64(0); start < tree.N; start += 1 << TileHeight {
		es, err := l.readBundle(context.Background(), tree, start)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, es...)
	}
	return all
}
