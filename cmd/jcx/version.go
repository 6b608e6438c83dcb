package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/jcx-dev/jcx/exchange"
)

const versionUsage = `
Version prints the version of jcx and of the message format it reads and writes, one
"name: value" line each.
`

func cmdVersion(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("version", "", versionUsage, s)
	rest, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(fs, "unexpected argument %q", rest[0])
	}
	var b strings.Builder
	for _, kv := range versionInfo() {
		fmt.Fprintf(&b, "%-14s %s\n", kv[0]+":", kv[1])
	}
	fmt.Fprint(s.out, b.String())
	return exitOK
}

// versionInfo lists what "jcx version" prints, in order. Each line is one name and value,
// so more (the conformance suite digest) can be added without changing the form.
func versionInfo() [][2]string {
	return [][2]string{
		{"jcx", moduleVersion()},
		{"go", runtime.Version()},
		{"namespace", exchange.Namespace},
		{"specification", exchange.SpecificationVersion},
		{"profile", exchange.ProfileOwner + " " + exchange.ProfileVersion},
	}
}

// moduleVersion is the module version stamped by "go install module@version", or
// "(devel)" for a build from a working tree.
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" {
		return "(devel)"
	}
	return bi.Main.Version
}
