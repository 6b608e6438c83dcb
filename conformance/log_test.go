package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/exchange/exchangelog"
)

// loggedServer returns the reference implementation keeping an exchange log in a
// temporary directory, with the faults (of the server or of its log), mounted as jcx
// serve --log mounts it, and the LogTarget that reads its log in process.
func loggedServer(t testing.TB, faults ...refimpl.Fault) (http.Handler, *LogTarget) {
	t.Helper()
	skey, vkey, err := exchangelog.GenerateKey("log.reference.test/jcx")
	if err != nil {
		t.Fatal(err)
	}
	signer, verifier, err := exchangelog.ParseSignerKey(skey)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := exchangelog.Init(dir, signer); err != nil {
		t.Fatal(err)
	}
	var server, logged []refimpl.Fault
	for _, f := range faults {
		if _, err := refimpl.ParseFault(string(f)); err != nil {
			t.Fatal(err)
		}
		if isLogFault(f) {
			logged = append(logged, f)
		} else {
			server = append(server, f)
		}
	}
	x, err := refimpl.OpenExchangeLog(context.Background(), dir, signer, verifier, logged...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	cfg, err := refimpl.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Faults = server
	cfg.Accepted = x.Record
	srv, err := refimpl.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := refimpl.Mount(srv, x)
	return h, &LogTarget{Key: vkey, Fetch: LogFromHandler(h)}
}

func isLogFault(f refimpl.Fault) bool {
	for _, l := range refimpl.LogFaults() {
		if l == f {
			return true
		}
	}
	return false
}

// TestLogAnswersRefused puts a lying layer between the harness and a correct log: each
// lie is refused by the log cases that check what it falsifies, with the reason.
func TestLogAnswersRefused(t *testing.T) {
	tests := []struct {
		name string
		lie  func(real func(context.Context, string) ([]byte, error), first []byte) func(context.Context, string) ([]byte, error)
		want map[string]string // case id → words its reason must hold
	}{
		{"rolled back", func(real func(context.Context, string) ([]byte, error), first []byte) func(context.Context, string) ([]byte, error) {
			var n atomic.Int64
			return func(ctx context.Context, path string) ([]byte, error) {
				if path == exchangelog.CheckpointFile && n.Add(1)%2 == 0 {
					return first, nil // every second checkpoint is the one of the empty log
				}
				return real(ctx, path)
			}
		}, map[string]string{"JCX-C-0202": "rolled back", "JCX-C-0203": "beyond the 0 leaves"}},
		{"missing tile", func(real func(context.Context, string) ([]byte, error), _ []byte) func(context.Context, string) ([]byte, error) {
			return func(ctx context.Context, path string) ([]byte, error) {
				if strings.HasPrefix(path, "tile/") {
					return nil, fs.ErrNotExist
				}
				return real(ctx, path)
			}
		}, map[string]string{"JCX-C-0202": "corrupt", "JCX-C-0203": "corrupt"}},
		{"flipped tile byte", func(real func(context.Context, string) ([]byte, error), _ []byte) func(context.Context, string) ([]byte, error) {
			return func(ctx context.Context, path string) ([]byte, error) {
				b, err := real(ctx, path)
				if strings.HasPrefix(path, "tile/0/") && len(b) > 0 {
					b = bytes.Clone(b)
					b[len(b)-1] ^= 1
				}
				return b, err
			}
		}, map[string]string{"JCX-C-0202": "corrupt", "JCX-C-0203": "corrupt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, log := loggedServer(t)
			first, err := log.Fetch(context.Background(), exchangelog.CheckpointFile)
			if err != nil {
				t.Fatal(err)
			}
			log.Fetch = tc.lie(log.Fetch, first)
			// One case at a time, so that "every second checkpoint" is each case's later one.
			res, err := Run(context.Background(), Config{Target: Handler(h), Log: log, Timeout: time.Minute, Parallel: 1, Run: regexp.MustCompile(`^JCX-C-020[1-3]$`)})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range res.Cases {
				if c.Verdict == SkippedByChoice {
					continue
				}
				words, meant := tc.want[c.ID]
				switch {
				case meant && (c.Verdict != Fail || !strings.Contains(c.Reason, words)):
					t.Errorf("%s: %s (%s), want a failure saying %q", c.Name(), c.Verdict, c.Reason, words)
				case !meant && c.Verdict != Pass:
					t.Errorf("%s: %s (%s), want pass", c.Name(), c.Verdict, c.Reason)
				}
			}
		})
	}
}

// Without a log target the log cases are skipped-unsupported, and the run says why.
func TestLogCasesNeedALog(t *testing.T) {
	h, _ := loggedServer(t)
	res, err := Run(context.Background(), Config{Target: Handler(h), Timeout: time.Minute, Run: regexp.MustCompile(`^JCX-C-020[1-3]$`)})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Cases {
		if c.Verdict != SkippedByChoice && (c.Verdict != SkippedUnsupported || !strings.Contains(c.Reason, "--log-key")) {
			t.Errorf("%s: %s (%s)", c.Name(), c.Verdict, c.Reason)
		}
	}
	if _, err := Run(context.Background(), Config{Target: Handler(h), Log: &LogTarget{Key: "not a key", Fetch: LogFromHandler(h)}}); !errors.Is(err, ErrConfig) {
		t.Errorf("a malformed log key: %v, want ErrConfig", err)
	}
}

// The reports and the certificate say which profiles a run tested: "log" only when its
// cases ran.
func TestReportsCarryTheProfiles(t *testing.T) {
	h, log := loggedServer(t)
	only := regexp.MustCompile(`^JCX-C-(0001|020[1-3])$`)
	for _, tc := range []struct {
		log  *LogTarget
		want []string
	}{{log, []string{"core", "log"}}, {nil, []string{"core"}}} {
		res, err := Run(context.Background(), Config{Target: Handler(h), Log: tc.log, Timeout: time.Minute, Run: only})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Profiles, tc.want) {
			t.Fatalf("profiles %v, want %v", res.Profiles, tc.want)
		}
		var junit, html, js bytes.Buffer
		if err := WriteJUnit(&junit, res); err != nil {
			t.Fatal(err)
		}
		if err := WriteHTML(&html, res); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSON(&js, res); err != nil {
			t.Fatal(err)
		}
		joined := strings.Join(tc.want, ", ")
		for name, want := range map[string]string{
			"junit": `<property name="profiles" value="` + strings.Join(tc.want, " ") + `">`,
			"html":  "<th>Profiles tested</th><td>" + joined + "</td>",
		} {
			got := map[string]string{"junit": junit.String(), "html": html.String()}[name]
			if !strings.Contains(got, want) {
				t.Errorf("%s report lacks %s", name, want)
			}
		}
		var back Result
		if err := json.Unmarshal(js.Bytes(), &back); err != nil || !slices.Equal(back.Profiles, tc.want) {
			t.Errorf("json report: profiles %v (%v)", back.Profiles, err)
		}
		if !strings.Contains(junit.String(), `<property name="profile" value="log">`) {
			t.Error("junit: the log cases carry no profile property")
		}
		suite, err := Core()
		if err != nil {
			t.Fatal(err)
		}
		res.NotCertifiable = nil // selected with --run; the certificate's content is what is tested
		c, err := NewCertificate(res, suite, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(c.Profiles, tc.want) {
			t.Errorf("certificate profiles %v, want %v", c.Profiles, tc.want)
		}
	}
}
