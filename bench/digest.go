package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// The digest check runs in a child process (this program again, told so by the
// environment), so that its peak resident set size is its own and not the harness's.
const (
	childEnv  = "JCX_BENCH_CHILD"
	childFile = "JCX_BENCH_FILE"
	childSize = "JCX_BENCH_SIZE"
	childSum  = "JCX_BENCH_SHA256"
)

// child runs the digest check when this process is the child and reports whether it was.
func child() bool {
	if os.Getenv(childEnv) != "digest" {
		return false
	}
	size, err := strconv.ParseInt(os.Getenv(childSize), 10, 64)
	if err != nil {
		fatalf("child: %v", err)
	}
	f, err := os.Open(os.Getenv(childFile))
	if err != nil {
		fatalf("child: %v", err)
	}
	defer f.Close()
	a := exchange.Artefact{Name: "attachment.bin", MediaType: "application/octet-stream", Size: size,
		Digest: []exchange.Digest{{Algorithm: exchange.DigestSHA256, Value: os.Getenv(childSum)}}}
	if err := exchange.CheckArtefact(context.Background(), f, a); err != nil {
		fatalf("child: %v", err)
	}
	fmt.Println(peakRSS())
	return true
}

// peakRSS returns this process's peak resident set size in bytes (VmHWM), or -1. The
// parent cannot take it from wait4: on Linux the child is started sharing the parent's
// memory until it runs its program, and ru_maxrss keeps that high-water mark.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return -1
}

// compareDigest writes a pseudo-random file of cfg.digestN bytes and times
// exchange.CheckArtefact over it against sha256sum, both reading it from the page cache.
func compareDigest(cfg config) []row {
	what := fmt.Sprintf("attachment digest, %d MiB", cfg.digestN>>20)
	sha256sum, err := exec.LookPath("sha256sum")
	if err != nil {
		return []row{skipped(what, "sha256sum not found (GNU coreutils)")}
	}
	self, err := os.Executable()
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	path := filepath.Join(cfg.tmp, "attachment.bin")
	sum, err := writeAttachment(path, cfg.digestN)
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	defer os.Remove(path)

	jcx := func() (sample, error) {
		cmd := exec.Command(self)
		cmd.Env = append(os.Environ(), childEnv+"=digest", childFile+"="+path,
			childSize+"="+strconv.FormatInt(cfg.digestN, 10), childSum+"="+sum)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return sample{}, fmt.Errorf("digest check: %v\n%s", err, out.String())
		}
		s := processSample(cmd, time.Since(start))
		if rss, err := strconv.ParseInt(strings.TrimSpace(out.String()), 10, 64); err == nil && rss > 0 {
			s.maxRSS = rss
		}
		return s, nil
	}
	other := func() (sample, error) { return runTool(sha256sum, path) }
	// Read the file once so that both sides find it in the page cache.
	if _, err := other(); err != nil {
		return []row{skipped(what, err.Error())}
	}
	j, o, err := alternate(cfg.n, jcx, other)
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	const rssLimit = 64 << 20
	return []row{
		{name: what + " (wall)", jcx: seconds(j.wall), other: seconds(o.wall) + " sha256sum", ratio: ratio(o.wall, j.wall), goal: atLeast(0.9),
			note: fmt.Sprintf("%.0f MB/s vs %.0f MB/s", float64(cfg.digestN)/j.wall.Seconds()/1e6, float64(cfg.digestN)/o.wall.Seconds()/1e6)},
		{name: what + " (CPU)", jcx: seconds(j.cpu), other: seconds(o.cpu) + " sha256sum", ratio: ratio(o.cpu, j.cpu), goal: atLeast(0.9)},
		{name: what + " (peak RSS)", jcx: mib(j.maxRSS), other: mib(rssLimit) + " limit", ratio: float64(j.maxRSS) / rssLimit, goal: atMost(1),
			note: "sha256sum ≤ " + mib(o.maxRSS) + " (wait4 counts the harness at fork); ratio is jcx/limit"},
	}
}

// writeAttachment writes n pseudo-random bytes to path and returns their SHA-256 in hex.
func writeAttachment(path string, n int64) (string, error) {
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	w := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
	if _, err := io.Copy(w, io.LimitReader(rand.NewChaCha8([32]byte{'j', 'c', 'x'}), n)); err != nil {
		f.Close()
		return "", err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
