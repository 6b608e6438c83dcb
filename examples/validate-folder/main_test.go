package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

const (
	validDir   = "../../testdata/messages/valid"
	invalidDir = "../../testdata/messages/invalid"
	// fixtureClock is the validation clock of testdata/messages (see its README).
	fixtureClock = "2026-11-20T09:00:00Z"
)

func TestValidFolder(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"--now", fixtureClock, validDir}, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	files, _ := filepath.Glob(filepath.Join(validDir, "*.*"))
	want := 0
	for _, f := range files {
		if isMessage(f) {
			want++
		}
	}
	if want == 0 || !strings.HasSuffix(out.String(), "\n"+strconv.Itoa(want)+" valid, 0 invalid\n") {
		t.Errorf("want %d valid messages, got:\n%s", want, tail(out.String()))
	}
}

func TestInvalidFolder(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"--now", fixtureClock, invalidDir}, &out)
	if !errors.Is(err, errInvalid) {
		t.Fatalf("err = %v, want errInvalid", err)
	}
	if strings.Contains(out.String(), "\nok ") || strings.HasPrefix(out.String(), "ok ") {
		t.Errorf("an invalid fixture was reported ok:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "FAIL "+filepath.Join(invalidDir, "hostile-doctype.xml")) {
		t.Errorf("hostile-doctype.xml not reported:\n%s", tail(out.String()))
	}
}

// The codes each invalid fixture gets are exactly those its manifest lists.
func TestInvalidCodesMatchManifest(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(invalidDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var manifest []struct {
		File  string `json:"file"`
		Codes []int  `json:"codes"`
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		t.Fatal(err)
	}
	want := map[string][]int{}
	for _, e := range manifest {
		want[e.File] = e.Codes
	}
	clock, _ := time.Parse(time.RFC3339, fixtureClock)
	v := exchange.NewValidator(exchange.Options{Now: func() time.Time { return clock }, RefuseElapsedDeadlines: true})
	seen := 0
	sum, err := validateFolder(context.Background(), invalidDir, v, func(path string, r *exchange.Report) {
		seen++
		var got []int
		for _, f := range r.Findings {
			if !slices.Contains(got, int(f.Code)) {
				got = append(got, int(f.Code))
			}
		}
		slices.Sort(got)
		w := slices.Clone(want[filepath.Base(path)])
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("%s: codes %v, manifest says %v", filepath.Base(path), got, w)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Valid != 0 || sum.Invalid != len(manifest) || seen != len(manifest) {
		t.Errorf("summary %+v, %d reported, manifest lists %d", sum, seen, len(manifest))
	}
}

func TestEmptyFolderIsAnError(t *testing.T) {
	err := run(context.Background(), []string{t.TempDir()}, &bytes.Buffer{})
	if err == nil || errors.Is(err, errInvalid) {
		t.Fatalf("err = %v, want a usage error", err)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"a", "b"}, {"--now", "yesterday", validDir}} {
		if err := run(context.Background(), args, &bytes.Buffer{}); err == nil || errors.Is(err, errInvalid) {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
}

func tail(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}
