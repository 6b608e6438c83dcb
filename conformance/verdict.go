package conformance

// Verdict is the outcome of one case in one encoding, or of a requirement.
type Verdict string

const (
	// Pass: the implementation answered as the case requires.
	Pass Verdict = "pass"
	// Fail: the implementation answered, and the answer is wrong.
	Fail Verdict = "fail"
	// Error: no usable exchange took place — the implementation gave no answer (it
	// crashed, closed the connection, returned a transport error) or the harness could not
	// build the message.
	Error Verdict = "error"
	// Timeout: no answer within the per-case time limit.
	Timeout Verdict = "timeout"
	// SkippedUnsupported: the implementation's capability file declares a feature the
	// case needs as unsupported.
	SkippedUnsupported Verdict = "skipped-unsupported"
	// SkippedByChoice: the person running the suite left the case out (--run, --skip).
	// A run with such skips is not certifiable.
	SkippedByChoice Verdict = "skipped-by-choice"
	// Waived: a known failure excused with a reason. A waived run is not certifiable.
	Waived Verdict = "waived"
	// Untested is the verdict of a requirement no selected case tested.
	Untested Verdict = "untested"
)

// severity orders verdicts when several are folded into one (a requirement's verdict is
// the most severe of its cases').
func (v Verdict) severity() int {
	switch v {
	case Fail:
		return 7
	case Error:
		return 6
	case Timeout:
		return 5
	case Waived:
		return 4
	case SkippedByChoice:
		return 3
	case SkippedUnsupported:
		return 2
	case Pass:
		return 1
	}
	return 0
}

// failed reports whether the verdict counts against conformance.
func (v Verdict) failed() bool { return v == Fail || v == Error || v == Timeout }

// Verdicts lists every case verdict, in report order.
var Verdicts = []Verdict{Pass, Fail, Error, Timeout, SkippedUnsupported, SkippedByChoice, Waived}
