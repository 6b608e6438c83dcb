package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/jcx-dev/jcx/conformance"
	"github.com/jcx-dev/jcx/exchange"
)

const versionUsage = `
Version prints the version of jcx, of the message format it reads and writes, and of the
conformance suite built into it, with the suite digest that reports and certificates
name, one "name: value" line each.
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
// so more can be added without changing the form.
func versionInfo() [][2]string {
	return append([][2]string{
		{"jcx", moduleVersion()},
		{"go", runtime.Version()},
		{"namespace", exchange.Namespace},
		{"specification", exchange.SpecificationVersion},
		{"profile", exchange.ProfileOwner + " " + exchange.ProfileVersion},
	}, suiteInfo()...)
}

// suiteInfo names the embedded core suite as a conformance report does: id, version and
// digest. A certificate names the suite it was issued for by digest alone, so the digest
// is what tells whether this binary can check it.
func suiteInfo() [][2]string {
	s, err := conformance.Core()
	if err != nil {
		// The suite is embedded and checked by the tests, so this is a broken build; say
		// so rather than print nothing.
		return [][2]string{{"suite", "unavailable: " + err.Error()}}
	}
	return [][2]string{
		{"suite", s.Manifest.ID + " " + s.Manifest.Version},
		{"suite-digest", s.Digest},
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
