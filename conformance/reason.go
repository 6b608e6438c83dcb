package conformance

import (
	"regexp"
	"slices"
	"sync"

	"github.com/jcx-dev/jcx/exchange"
)

// A refusal with an acceptable code can still be given for the wrong reason, or say the
// wrong thing about it. Where docs/errors.md fixes more than the code, the harness checks
// it too: the whole message is refused with no path (3019, 3022: the bytes are not a
// message yet), and a header or signature refusal points at the one element it is about.
// Other codes' paths depend on the message and are not checked.
// fixedPaths is built on first use, when a run checks a refusal.
var fixedPaths = sync.OnceValue(func() map[exchange.ErrorCode]map[Encoding]*regexp.Regexp {
	signaturePath := map[Encoding]*regexp.Regexp{
		// The signature element's prefix is the implementation's choice.
		XML:  regexp.MustCompile(`^/Message(\[1\])?/([A-Za-z_][A-Za-z0-9_.-]*:)?Signature(\[1\])?$`),
		JSON: regexp.MustCompile(`^/Signature$`),
	}
	return map[exchange.ErrorCode]map[Encoding]*regexp.Regexp{
		3019: wholeMessage(),
		3022: wholeMessage(),
		8001: signaturePath,
		8002: signaturePath,
		8003: signaturePath,
		8004: signaturePath,
		8005: signaturePath,
		8010: headerPath("Receiver"),
		8012: headerPath("TransactionIdentifier"),
		8013: headerPath("Timestamp"),
	}
})

var wholeMessage = sync.OnceValue(func() map[Encoding]*regexp.Regexp {
	return map[Encoding]*regexp.Regexp{XML: regexp.MustCompile(`^$`), JSON: regexp.MustCompile(`^$`)}
})

func headerPath(element string) map[Encoding]*regexp.Regexp {
	return map[Encoding]*regexp.Regexp{
		XML:  regexp.MustCompile(`^/Message(\[1\])?/Header(\[1\])?/` + element + `(\[1\])?$`),
		JSON: regexp.MustCompile(`^/Header/` + element + `$`),
	}
}

// checkPaths verifies the paths of the message-level errors that carry one of the
// step's acceptable codes.
func checkPaths(a *answer, acceptable []exchange.ErrorCode, e Encoding) error {
	if a.hi1 {
		// docs/errors.md fixes paths for jcx core refusals; an HI-1 ErrorInformation
		// has no standardised place for one.
		return nil
	}
	for i, code := range a.errors {
		re, fixed := fixedPaths()[code][e]
		if !fixed || !slices.Contains(acceptable, code) {
			continue
		}
		path := ""
		if i < len(a.paths) {
			path = a.paths[i]
		}
		if !re.MatchString(path) {
			want := "no path (the whole message)"
			if re != wholeMessage()[e] {
				want = "the path " + re.String()
			}
			return failf("error %d carries the path %q; docs/errors.md gives it %s", code, trimTo(path, 80), want)
		}
	}
	return nil
}
