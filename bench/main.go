// Command bench measures jcx against the tools and floors its performance goals are
// stated against (docs/PERFORMANCE.md), on this machine, now, and prints one table of
// ratios:
//
//	go run ./bench                 # everything, 5 rounds each
//	go run ./bench -n 9 -only xml,json
//
// Comparisons (names for -only):
//
//	xml     jcx validate --schema-only vs xmllint --noout --schema, one process each over
//	        the same corpus (copies of testdata/messages/valid/*.xml); goal ratio ≥ 1
//	json    the same against ajv-cli (draft 2020-12, ajv-formats), installed with npm into
//	        a temporary folder unless -ajv names one; goal ratio ≥ 1
//	sign    exchange.Sign + exchange.Verify of a 5 KB message vs SHA-256 plus the bare
//	        signature and verification, ECDSA P-256 and RSA-3072; goal ≤ 2×
//	digest  exchange.CheckArtefact over a 1 GiB file vs sha256sum; goal ≥ 0.9× the speed,
//	        peak RSS ≤ 64 MiB
//	suite   jcx conformance run against the built-in reference implementation; goal ≤ 2 s
//	hi1     jcx validate --xsd vs xmllint --noout --schema over ETSI's HI-1 examples with
//	        ETSI's TS 103 120 V1.12.1 schema set (-etsi DIR); goal ratio ≥ 1
//	kml     the same over the KML files of the external test input with the OGC KML 2.2
//	        schema set, the largest real set there; goal ratio ≥ 1
//	log     the exchange log: durable appends/s with 1024 concurrent appenders (goal
//	        ≥ 10,000/s), inclusion proof size and check time at 10^6 leaves built on disk
//	        and at 10^8 leaves computed from the tree arithmetic, disk bytes per leaf
//
// Each side runs -n times, interleaved with the other, and the medians are compared. CPU
// time (user + system) is the primary figure because it barely moves with the load other
// processes put on the machine; wall time is shown beside it. A comparison whose external
// tool is missing is skipped with the reason. The corpus, the jcx binary, ajv and the
// 1 GiB file live in a temporary folder removed at the end (-keep keeps it).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

type config struct {
	root    string // the module root
	tmp     string
	n       int
	copies  int
	jcx     string
	ajv     string
	digestN int64
	etsi    string
}

func main() {
	if child() {
		return
	}
	var (
		cfg    config
		only   = flag.String("only", "xml,json,sign,digest,suite,hi1,kml,log", "comma-separated comparisons to run")
		keep   = flag.Bool("keep", false, "keep the temporary folder")
		digest = flag.Int64("digest-mib", 1024, "size of the attachment for the digest comparison, in MiB")
	)
	flag.IntVar(&cfg.n, "n", 5, "rounds per comparison (medians are compared)")
	flag.IntVar(&cfg.copies, "copies", 50, "copies of each valid fixture in the validation corpus")
	flag.StringVar(&cfg.jcx, "jcx", "", "jcx binary to measure (default: build ./cmd/jcx)")
	flag.StringVar(&cfg.etsi, "etsi", "", "folder of ETSI's TS 103 120 V1.12.1 schema set, with schema/ and examples/ as ETSI publishes them (default: the external test input beside the checkout)")
	flag.StringVar(&cfg.ajv, "ajv", "", "ajv-cli executable (default: npm install ajv-cli@5 ajv-formats@3 into the temporary folder)")
	flag.Parse()
	cfg.digestN = *digest << 20
	if cfg.n < 1 || cfg.copies < 1 || cfg.digestN < 1 {
		fatalf("-n, -copies and -digest-mib must be positive")
	}

	var err error
	if cfg.root, err = moduleRoot(); err != nil {
		fatalf("%v", err)
	}
	if cfg.tmp, err = os.MkdirTemp("", "jcx-bench-"); err != nil {
		fatalf("%v", err)
	}
	if *keep {
		fmt.Fprintf(os.Stderr, "bench: working folder %s (kept)\n", cfg.tmp)
	} else {
		defer os.RemoveAll(cfg.tmp)
	}

	printMachine()
	if cfg.jcx == "" {
		if cfg.jcx, err = buildJCX(cfg); err != nil {
			os.RemoveAll(cfg.tmp)
			fatalf("%v", err)
		}
	}
	comparisons := map[string]func(config) []row{
		"xml": compareXML, "json": compareJSON, "sign": compareSign, "digest": compareDigest, "suite": compareSuite,
		"hi1": compareHI1, "kml": compareKML, "log": compareLog,
	}
	var rows []row
	for _, name := range strings.Split(*only, ",") {
		f, ok := comparisons[strings.TrimSpace(name)]
		if !ok {
			fatalf("-only: unknown comparison %q", name)
		}
		fmt.Fprintf(os.Stderr, "bench: %s …\n", name)
		rows = append(rows, f(cfg)...)
	}
	fmt.Printf("load average after: %s\n\n", loadAverage())
	printTable(os.Stdout, rows)
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(2)
}

// moduleRoot finds the folder holding jcx's go.mod, from the working directory up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.Contains(string(data), "module github.com/jcx-dev/jcx\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("run bench inside the jcx module (no go.mod of github.com/jcx-dev/jcx above the working directory)")
		}
		dir = parent
	}
}

func buildJCX(cfg config) (string, error) {
	out := filepath.Join(cfg.tmp, "jcx")
	s, err := runToolIn(cfg.root, "go", "build", "-o", out, "./cmd/jcx")
	if err != nil {
		return "", fmt.Errorf("building jcx: %v", err)
	}
	fmt.Fprintf(os.Stderr, "bench: built jcx in %.1f s\n", s.wall.Seconds())
	return out, nil
}

// printMachine records what the figures were measured on.
func printMachine() {
	fmt.Printf("date:        %s\n", time.Now().UTC().Format(time.RFC3339))
	fmt.Printf("machine:     %s, %d logical CPUs, %s/%s\n", cpuModel(), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
	fmt.Printf("go:          %s\n", runtime.Version())
	fmt.Printf("load before: %s\n", loadAverage())
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ") + " (1, 5, 15 min)"
}
