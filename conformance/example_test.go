package conformance_test

import (
	"context"
	"fmt"
	"time"

	"github.com/jcx-dev/jcx/conformance"
	"github.com/jcx-dev/jcx/conformance/refimpl"
)

// Run the core suite in process against an implementation that is an http.Handler (here
// the reference implementation). A vendor's go test does the same with its own handler,
// or with conformance.HTTP(url, …) for a running service; conformancetest.Run reports
// each case as a subtest.
func ExampleRun() {
	impl, err := refimpl.Default() // trusts the suite's test CA, answers as LU jcx-reference
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := conformance.Run(context.Background(), conformance.Config{
		Target:  conformance.Handler(impl),
		Timeout: time.Minute, // per case; the 16 MiB cases are the slowest
	})
	if err != nil {
		fmt.Println(err) // configuration error or implementation unreachable
		return
	}
	fmt.Println("suite:", res.Suite.ID)
	fmt.Println("conformant:", res.Conformant)
	for _, c := range res.Cases {
		// Without Config.Log the cases of the log profile are skipped-unsupported.
		if c.Verdict != conformance.Pass && c.Verdict != conformance.SkippedUnsupported {
			fmt.Println(c.Name(), c.Verdict, c.Reason)
		}
	}
	// Output:
	// suite: core
	// conformant: true
}
