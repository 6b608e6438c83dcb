package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runLog(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestLogCommands(t *testing.T) {
	tmp := t.TempDir()
	dir, key := filepath.Join(tmp, "log"), filepath.Join(tmp, "operator.key")
	msgs := []string{
		filepath.Join("..", "..", "testdata", "messages", "valid", "capabilities-es-fr-request.xml"),
		filepath.Join("..", "..", "testdata", "messages", "valid", "capabilities-es-fr-request.json"),
		filepath.Join("..", "..", "testdata", "messages", "valid", "capabilities-es-fr-response.xml"),
	}
	if code, _, stderr := runLog(t, "log", "init", "--origin", "log.example.test/jcx", "--key-out", key, dir); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	if info, err := os.Stat(key); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", info, err)
	}
	if code, _, _ := runLog(t, "log", "init", "--origin", "x", "--key-out", key, dir); code != exitUsage {
		t.Fatalf("init over an existing key: %d", code)
	}
	pub := key + ".pub"
	code, out, stderr := runLog(t, "log", "append", "--key", key, dir, msgs[0])
	if code != 0 || !strings.HasPrefix(out, "0\t") {
		t.Fatalf("append: %d %q %s", code, out, stderr)
	}
	code, oldCheckpoint, _ := runLog(t, "log", "checkpoint", "--pub", pub, dir)
	if code != 0 || !strings.Contains(oldCheckpoint, "log.example.test/jcx\n1\n") {
		t.Fatalf("checkpoint: %d %q", code, oldCheckpoint)
	}
	oldPath := filepath.Join(tmp, "old.checkpoint")
	os.WriteFile(oldPath, []byte(oldCheckpoint), 0o644)

	code, out, stderr = runLog(t, "log", "append", "--key", key, "--direction", "sent", "--output", "json", dir, msgs[1], msgs[2])
	var appended struct {
		Appended []struct{ Index int64 }
		TreeSize int64 `json:"tree_size"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &appended) != nil || appended.TreeSize != 3 || appended.Appended[1].Index != 2 {
		t.Fatalf("append json: %d %q %s", code, out, stderr)
	}

	code, evidence, stderr := runLog(t, "log", "prove", "--pub", pub, "--message", msgs[1], dir)
	if code != 0 {
		t.Fatalf("prove: %d %s", code, stderr)
	}
	evPath := filepath.Join(tmp, "evidence.json")
	os.WriteFile(evPath, []byte(evidence), 0o644)
	code, out, stderr = runLog(t, "log", "verify", "--pub", pub, "--message", msgs[1], evPath)
	if code != 0 || !strings.Contains(out, "ok  leaf 1 of 3: sent") {
		t.Fatalf("verify: %d %q %s", code, out, stderr)
	}
	code, out, _ = runLog(t, "log", "verify", "--pub", pub, "--output", "json", evPath)
	var res verifiedLeaf
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || !res.Valid || res.Direction != "sent" {
		t.Fatalf("verify json: %d %q", code, out)
	}

	// Refusals exit 1: another message, an edited proof, another operator's key.
	if code, _, stderr := runLog(t, "log", "verify", "--pub", pub, "--message", msgs[0], evPath); code != exitInvalid || !strings.Contains(stderr, "digests differ") {
		t.Fatalf("verify of another message: %d %s", code, stderr)
	}
	var ev map[string]any
	json.Unmarshal([]byte(evidence), &ev)
	ev["index"] = 2
	edited, _ := json.Marshal(ev)
	editedPath := filepath.Join(tmp, "edited.json")
	os.WriteFile(editedPath, edited, 0o644)
	if code, _, stderr := runLog(t, "log", "verify", "--pub", pub, editedPath); code != exitInvalid || !strings.Contains(stderr, "not included") {
		t.Fatalf("verify of an edited proof: %d %s", code, stderr)
	}
	otherKey := filepath.Join(tmp, "other.key")
	runLog(t, "log", "init", "--origin", "log.example.test/jcx", "--key-out", otherKey, filepath.Join(tmp, "other"))
	if code, _, stderr := runLog(t, "log", "verify", "--pub", otherKey+".pub", evPath); code != exitInvalid || !strings.Contains(stderr, "not signed by the log's key") {
		t.Fatalf("verify with another key: %d %s", code, stderr)
	}

	code, out, stderr = runLog(t, "log", "consistency", "--pub", pub, oldPath, dir)
	if code != 0 || !strings.Contains(out, "1 → 3 leaves") {
		t.Fatalf("consistency: %d %q %s", code, out, stderr)
	}
	// The other log's checkpoint of one leaf (same origin, other key) is refused; a
	// checkpoint of a longer log presented as the old one is a rollback.
	runLog(t, "log", "append", "--key", otherKey, filepath.Join(tmp, "other"), msgs[2])
	_, otherCP, _ := runLog(t, "log", "checkpoint", "--pub", otherKey+".pub", filepath.Join(tmp, "other"))
	otherPath := filepath.Join(tmp, "other.checkpoint")
	os.WriteFile(otherPath, []byte(otherCP), 0o644)
	if code, _, stderr := runLog(t, "log", "consistency", "--pub", pub, otherPath, dir); code != exitInvalid {
		t.Fatalf("consistency with a foreign checkpoint: %d %s", code, stderr)
	}
	_, newCP, _ := runLog(t, "log", "checkpoint", "--pub", pub, dir)
	newPath := filepath.Join(tmp, "new.checkpoint")
	os.WriteFile(newPath, []byte(newCP), 0o644)
	rolled := filepath.Join(tmp, "rolled")
	os.CopyFS(rolled, os.DirFS(dir))
	os.WriteFile(filepath.Join(rolled, "checkpoint"), []byte(oldCheckpoint), 0o644)
	if code, out, stderr := runLog(t, "log", "consistency", "--pub", pub, "--output", "json", newPath, rolled); code != exitInvalid || !strings.Contains(out, `"consistent": false`) || !strings.Contains(stderr, "rolled back") {
		t.Fatalf("consistency of a rolled-back log: %d %q %s", code, out, stderr)
	}

	// A flipped byte in a tile: the log refuses to prove from it.
	tile := filepath.Join(dir, "tile", "0", "000.p", "3")
	b, _ := os.ReadFile(tile)
	b[5] ^= 1
	os.WriteFile(tile, b, 0o644)
	if code, _, stderr := runLog(t, "log", "prove", "--pub", pub, "--index", "0", dir); code != exitInvalid || !strings.Contains(stderr, "corrupt") {
		t.Fatalf("prove from a corrupt log: %d %s", code, stderr)
	}

	for _, args := range [][]string{
		{"log"}, {"log", "nope"}, {"log", "append", dir}, {"log", "prove", "--pub", pub, dir},
		{"log", "verify", "--pub", pub, "--quorum", "1", evPath}, {"log", "append", "--key", key, "--direction", "up", dir, msgs[0]},
		{"log", "verify", "--pub", filepath.Join(tmp, "missing"), evPath},
	} {
		if code, _, _ := runLog(t, args...); code != exitUsage {
			t.Errorf("jcx %s = %d, want 2", strings.Join(args, " "), code)
		}
	}
	if code, out, _ := runLog(t, "help", "log"); code != 0 || !strings.Contains(out, "jcx log consistency") {
		t.Fatalf("help log: %d %q", code, out)
	}
}
