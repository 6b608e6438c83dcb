package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"time"
)

// compareSuite times `jcx conformance run` against the built-in reference implementation,
// the whole core suite, process start to exit.
func compareSuite(cfg config) []row {
	const what = "reference suite, built-in implementation (wall)"
	var ss []sample
	var summary string
	for i := 0; i < cfg.n; i++ {
		cmd := exec.Command(cfg.jcx, "conformance", "run")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return []row{skipped(what, fmt.Sprintf("jcx conformance run: %v\n%s", err, firstLines(out.String(), 8)))}
		}
		ss = append(ss, processSample(cmd, time.Since(start)))
		summary = casesLine.FindString(out.String())
	}
	m := median(ss)
	const limit = 2 * time.Second
	return []row{{name: what, jcx: seconds(m.wall), other: seconds(limit) + " limit", ratio: ratio(m.wall, limit), goal: atMost(1),
		note: fmt.Sprintf("%s; CPU %s; ratio is jcx/limit", summary, seconds(m.cpu))}}
}

var casesLine = regexp.MustCompile(`\d+ runs of \d+ cases in [0-9.]+ s: [^\n]*`)
