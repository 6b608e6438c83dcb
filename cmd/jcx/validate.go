package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

const validateUsage = `
Validate checks each message against the schema and the business rules and prints every
finding. PATH is a file, a folder (walked recursively for *.xml and *.json files, in
sorted order; other files are skipped) or - for standard input.

Text output (the default) prints one line per message on standard output:

	ok   PATH
	FAIL PATH
	  CODE XPATH-OR-POINTER (line N): message
	ok   PATH (signed; signature not checked: give --trust)

followed by a summary "N valid, M invalid" on standard error. JSON output prints one
document on standard output:

	{"files":[{"path":…,"format":"xml","valid":false,"signature":"absent",
	  "findings":[{"code":3020,"path":…,"line":…,"message":…}]}],"valid":N,"invalid":M}

Without --trust a signature is not checked: a signed message is valid or not whatever
its signature, and its line says "signature not checked" ("signature":"unchecked" in
JSON). With --trust BUNDLE.pem every message must carry a valid signature by a signer
the bundle trusts and that names the header's sender (8001–8005), as a receiver demands;
"signature":"checked" then means any problem with it is among the findings.

Deadlines are judged against the message's own timestamp, so an archived message keeps
its verdict; with --now they must also not have passed at that time, as a receiver judges
them on arrival.
A message larger than the size limit is not read beyond it and gets finding 3022.
Paths that cannot be read are reported on standard error (and with an "error" member in
JSON output).

With --xsd, any XML document is validated against the XML Schema set ENTRY instead of
the jcx schema and business rules, with the same pure-Go engine, the same hardening (no
DOCTYPE, size and depth limits, declared charsets decoded) and the same report; folders
are walked for *.xml files. ENTRY is a schema document, whose includes and imports are
read relative to it from the local file system and never over the network, or a folder.
Repeat --xsd for a set with no single entry document: jcx builds one that imports each
file's namespace (and includes each file without one); several files of one namespace
are included together. A folder contributes the *.xsd files below it that no other file
there includes or imports; a second file for a namespace the folder already imports is
left out, with a warning on standard error. So is an include or import that cannot be
followed (a URL, which is never fetched, or a missing file), and a reference to a
component the set does not declare where only a message would need it (the type of a
top-level element nothing refers to, a substitution group head, a list's item type): an
element that needs it is invalid. A schema set that does not load is reported as
FILE:LINE: construct: problem, with exit status 2.

	jcx validate --xsd etsi/schema request.xml
	jcx validate --xsd Core.xsd --xsd Task.xsd --output json messages/

Exit status: 0 every message is valid, 1 some message is invalid, 2 usage error, a path
that cannot be read, a schema set or trust bundle that does not load, or folders holding
no message at all.
`

// progressMin is the number of files from which progress is shown on a terminal.
const progressMin = 20

func cmdValidate(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("validate", "[--format auto|xml|json] [--output text|json] [--schema-only] [--now TIME] [--trust BUNDLE.pem] [--xsd ENTRY]... PATH...", validateUsage, s)
	formatFlag := fs.String("format", "auto", "message encoding: auto, xml or json")
	output := fs.String("output", "text", "report format: text or json")
	schemaOnly := fs.Bool("schema-only", false, "check the schema only, not the business rules")
	trustPath := fs.String("trust", "", "require and check each message's signature against the trust bundle `BUNDLE.pem`, as a receiver does")
	nowFlag := fs.String("now", "", "judge deadlines and time windows as if the clock read `TIME` (RFC 3339), e.g. to re-check an archived message")
	var xsds stringList
	fs.Var(&xsds, "xsd", "validate any XML against the schema set `ENTRY`, a schema document or a folder (repeatable), instead of the jcx schema and rules")
	paths, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	format, err := exchange.ParseFormat(*formatFlag)
	if err != nil {
		return usageError(fs, "--format: %v", err)
	}
	if *output != "text" && *output != "json" {
		return usageError(fs, "--output: unknown report format %q: want text or json", *output)
	}
	opts := exchange.Options{SchemaOnly: *schemaOnly}
	if *nowFlag != "" {
		now, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			return usageError(fs, "--now: %q is not an RFC 3339 time such as 2026-11-20T09:00:00Z", *nowFlag)
		}
		opts.Now = func() time.Time { return now }
		opts.RefuseElapsedDeadlines = true
	}
	if len(paths) == 0 {
		return usageError(fs, "no PATH given")
	}
	if *trustPath != "" && (len(xsds) > 0 || *schemaOnly) {
		return usageError(fs, "--trust checks signatures of jcx messages, not with --xsd or --schema-only")
	}
	if *trustPath != "" {
		bundle, ok := loadTrust("validate", *trustPath, s)
		if !ok {
			return exitUsage
		}
		opts.Signature = exchange.RequireSignature(exchange.VerifyOptions{Trust: bundle, Now: opts.Now})
	}
	if n := countStdin(paths); n > 1 {
		return usageError(fs, "standard input (-) can be read only once")
	}
	if len(xsds) > 0 && format == exchange.FormatJSON {
		return usageError(fs, "--xsd validates XML: --format json does not apply")
	}
	if len(xsds) > 0 && *nowFlag != "" {
		return usageError(fs, "--now applies to the business rules of jcx messages, not to --xsd")
	}

	// The run's collector settings (tuneGC) apply from here, so that compiling a schema set
	// does not cost a collection at the default ones either; the number of files is not
	// known yet, so the memory limit is the one for the most workers.
	restoreGC := tuneGC(s.getenv, validateWorkers(math.MaxInt))
	defer restoreGC()
	var (
		check checkFunc
		match = isMessageFile
	)
	if len(xsds) > 0 {
		set, err := loadSchemaSet(xsds, s)
		if err != nil {
			fmt.Fprintf(s.err, "jcx validate: --xsd: %s\n", printableErr(err))
			return exitUsage
		}
		check, match = schemaSetCheck(set), isXMLFile
	}

	ins, ioErrs := collectInputs(paths, match)
	for _, err := range ioErrs {
		fmt.Fprintf(s.err, "jcx validate: %s\n", printable(displayErr("", err)))
	}
	if len(ins) == 0 && len(ioErrs) == 0 {
		// Passing on nothing would hide a wrong folder in a script.
		kinds := "*.xml or *.json"
		if len(xsds) > 0 {
			kinds = "*.xml"
		}
		fmt.Fprintf(s.err, "jcx validate: no %s file found in %s\n", kinds, printableList(paths))
		return exitUsage
	}
	if check == nil {
		v := exchange.NewValidator(opts)
		check = v.Validate
		if *schemaOnly {
			// The report does not need the decoded message, and building it costs more
			// than the schema check itself.
			check = v.CheckSchema
		}
	}
	rep := &reporter{s: s, json: *output == "json", colour: s.colour(), total: len(ins)}
	if !isTerminal(s.out) {
		// A line per file written straight through is a system call per file; whoever
		// reads a pipe or a file gets the same lines in fewer writes. A terminal still
		// sees each result as it comes.
		rep.buffered = bufio.NewWriterSize(s.out, 64<<10)
	}
	rep.progress = len(ins) >= progressMin && isTerminal(s.err) && (rep.json || !isTerminal(s.out))

	// The schema set's findings own their strings; the jcx checks may keep parts of the
	// message they decode.
	reuse := len(xsds) > 0
	validateAll(ctx, check, reuse, format, ins, s, validateWorkers(len(ins)), rep.add)
	rep.finish()

	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(s.err, "jcx validate: interrupted")
		return exitUsage
	case len(ioErrs) > 0 || rep.unreadable > 0:
		return exitUsage
	case rep.invalid > 0:
		return exitInvalid
	}
	return exitOK
}

func countStdin(paths []string) int {
	n := 0
	for _, p := range paths {
		if p == stdinName {
			n++
		}
	}
	return n
}

// fileResult is the outcome for one input; it is also the JSON form of one entry.
type fileResult struct {
	Path   string `json:"path"`
	Format string `json:"format"`
	Valid  bool   `json:"valid"`
	// Signature is "absent", "unchecked" or "checked" (exchange.SignatureStatus).
	Signature string             `json:"signature,omitempty"`
	Findings  []exchange.Finding `json:"findings"`
	// Error is set when the input could not be read; the other members are then empty.
	Error string `json:"error,omitempty"`
}

// checkFunc validates one message: Validator.Validate or Validator.CheckSchema.
type checkFunc func(data []byte, f exchange.Format) *exchange.Report

// validateOne reads and validates one input. Reading stops at the size limit, so a huge
// file costs no more memory than a message at the limit. With buf, the input is read into
// *buf's memory, which is kept there for the next input (check must keep nothing of it).
func validateOne(check checkFunc, f exchange.Format, in input, s *stdio, buf *[]byte) fileResult {
	res := fileResult{Path: in.path, Findings: []exchange.Finding{}}
	var reuse []byte
	if buf != nil {
		reuse = *buf
	}
	data, err := readInputInto(reuse, in, s.in, exchange.DefaultMaxBytes)
	if buf != nil && cap(data) <= maxReusedBuffer {
		*buf = data[:0]
	}
	if errors.Is(err, errTooLarge) {
		if f == exchange.FormatAuto {
			f, _ = exchange.Detect(data)
		}
		res.Format = f.String()
		res.Findings = append(res.Findings, tooLargeFinding())
		return res
	}
	if err != nil {
		res.Error = displayErr(in.path, err)
		return res
	}
	r := check(data, f)
	res.Format = r.Format.String()
	res.Valid = r.Valid()
	if r.Message != nil {
		res.Signature = r.Signature.String()
	}
	res.Findings = append(res.Findings, r.Findings...)
	return res
}

// maxReusedBuffer bounds the read buffer a worker keeps from one input to the next: a
// message at the size limit is not held for the rest of the run.
const maxReusedBuffer = 1 << 20

// validateAll validates the inputs on a few goroutines and hands the results to emit in
// input order, as soon as each one and those before it are done. Each worker holds at most
// one message, so memory stays bounded by the number of workers times the size limit.
// When reuse is set, check keeps nothing of the bytes it is given, and each worker reads
// every input into one buffer: a fresh buffer per file cost clearing it, and the pages and
// collections that a stream of them needs.
//
// A message takes tens of microseconds, so handing files out one by one over channels
// costs as much as checking them: every hand-off parks and wakes a goroutine. Instead each
// worker claims a batch of consecutive inputs with one atomic add and, when it finishes a
// file, passes the result to emit itself if every earlier one has been emitted; a result
// that arrives early waits in its slot for the worker that fills the gap. No goroutine
// waits for another except on the short lock around emit.
func validateAll(ctx context.Context, check checkFunc, reuse bool, f exchange.Format, ins []input, s *stdio, workers int, emit func(fileResult)) {
	if len(ins) == 0 {
		return
	}
	workers = min(max(workers, 1), len(ins))
	size := batchSize(len(ins), workers)
	o := &inOrder{results: make([]fileResult, len(ins)), ready: make([]bool, len(ins)), emit: emit}
	var (
		claimed atomic.Int64 // batches handed out
		wg      sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			var buf *[]byte
			if reuse {
				buf = new([]byte)
			}
			for {
				lo := int(claimed.Add(1)-1) * size
				if lo >= len(ins) {
					return
				}
				for i := lo; i < min(lo+size, len(ins)); i++ {
					if ctx.Err() != nil {
						return
					}
					o.done(i, validateOne(check, f, ins[i], s, buf))
				}
			}
		})
	}
	finished := make(chan struct{})
	go func() {
		wg.Wait()
		close(finished)
	}()
	select {
	case <-finished:
	case <-ctx.Done():
		// Return at once rather than after the messages being checked; whatever they
		// yield is dropped, and nothing is emitted once validateAll has returned.
		o.stop()
	}
}

// validateWorkers is the number of goroutines that validate files inputs: one per core, at
// most eight, since reading files and writing the report do not scale further.
func validateWorkers(files int) int {
	return max(min(runtime.GOMAXPROCS(0), 8, files), 1)
}

// tuneGC trades memory for CPU for the length of a run, unless GOGC or GOMEMLIMIT say
// otherwise, and returns the function that puts the settings back (tests run commands
// in-process). A message leaves a few hundred kilobytes of garbage behind and the live
// heap is small (the compiled schemas and one message per worker, about 3 MB over the
// fixtures), so the default GOGC=100 collects every megabyte or two: over a corpus of
// small messages about a tenth of the CPU time goes to the collector. GOGC=400 collects
// four times less often (measured over 1,350 messages: 2 collections instead of 9, 10 to
// 15% less CPU, peak RSS 33 MB instead of 22 MB).
//
// Messages at the size limit make the live heap large (about 40 MB each while its tree is
// checked), and five times that would be a lot; the soft memory limit caps the heap at
// gcHeadroom per worker, about what GOGC=100 reaches for the same messages, so the worst
// case costs no more memory than before. It is well above the live heap of workers such
// messages, so the collector does not run continuously.
func tuneGC(getenv func(string) string, workers int) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	oldPercent := debug.SetGCPercent(400)
	oldLimit := debug.SetMemoryLimit(int64(workers) * gcHeadroom)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

// gcHeadroom is the heap allowed per worker under tuneGC: eight times the size limit.
const gcHeadroom = 8 * exchange.DefaultMaxBytes

// batchSize is the number of consecutive inputs a worker claims at a time: large enough
// that claiming costs nothing beside checking, small enough that the workers finish
// together (about eight batches each) and that results stream out soon after the start.
func batchSize(files, workers int) int {
	return min(max(files/(8*workers), 1), 16)
}

// inOrder passes results to emit in input order, whichever goroutine produces them.
type inOrder struct {
	mu      sync.Mutex
	results []fileResult // results[i] is held until every earlier one is emitted
	ready   []bool
	next    int // index of the first result not yet emitted
	stopped bool
	emit    func(fileResult)
}

// done records the result of input i and emits every result that is now next in order.
func (o *inOrder) done(i int, res fileResult) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.stopped {
		return
	}
	o.results[i], o.ready[i] = res, true
	for o.next < len(o.results) && o.ready[o.next] {
		o.emit(o.results[o.next])
		o.results[o.next] = fileResult{} // release the findings once printed
		o.next++
	}
}

// stop makes every later done a no-op; once it returns, emit is not running.
func (o *inOrder) stop() {
	o.mu.Lock()
	o.stopped = true
	o.mu.Unlock()
}

// reporter prints results as they arrive (text) or collects them (JSON).
type reporter struct {
	s        *stdio
	buffered *bufio.Writer // over s.out, unless that is a terminal
	json     bool
	colour   bool
	progress bool
	total    int

	files                      []fileResult
	valid, invalid, unreadable int
	seen                       int
	line                       []byte // printText's buffer
}

func (r *reporter) add(res fileResult) {
	r.seen++
	switch {
	case res.Error != "":
		r.unreadable++
		r.flushOut() // keep the order of the two streams when they share a file
		fmt.Fprintf(r.s.err, "%sjcx validate: %s\n", r.clearLine(), printable(res.Error))
	case res.Valid:
		r.valid++
	default:
		r.invalid++
	}
	if r.json {
		r.files = append(r.files, res)
	} else if res.Error == "" {
		r.printText(res)
	}
	if r.progress {
		fmt.Fprintf(r.s.err, "\r\x1b[Kvalidated %d/%d", r.seen, r.total)
	}
}

func (r *reporter) clearLine() string {
	if r.progress {
		return "\r\x1b[K"
	}
	return ""
}

func (r *reporter) printText(res fileResult) {
	// One write per file, assembled in a buffer the reporter keeps: a run prints a
	// line for each of thousands of files.
	b := r.line[:0]
	if res.Valid {
		b = append(append(b, paint(r.colour, green, "ok")...), "   "...)
	} else {
		b = append(append(b, paint(r.colour, red, "FAIL")...), ' ')
	}
	b = append(b, printable(res.Path)...)
	if res.Signature == exchange.SignatureUnchecked.String() {
		b = append(b, " (signed; signature not checked: give --trust)"...)
	}
	b = append(b, '\n')
	for _, f := range res.Findings {
		b = append(append(append(b, "  "...), formatFinding(f)...), '\n')
	}
	r.stdout().Write(b)
	r.line = b
}

// formatFinding renders "CODE PATH (line N): message", leaving out what is unknown.
func formatFinding(f exchange.Finding) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(int(f.Code)))
	if f.Path != "" {
		b.WriteByte(' ')
		b.WriteString(printable(f.Path))
	}
	switch {
	case f.Line > 0 && f.Column > 0:
		fmt.Fprintf(&b, " (line %d, column %d)", f.Line, f.Column)
	case f.Line > 0:
		fmt.Fprintf(&b, " (line %d)", f.Line)
	}
	b.WriteString(": ")
	b.WriteString(printable(f.Message))
	return b.String()
}

func (r *reporter) finish() {
	if r.progress {
		fmt.Fprint(r.s.err, "\r\x1b[K")
	}
	if r.json {
		doc := struct {
			Files   []fileResult `json:"files"`
			Valid   int          `json:"valid"`
			Invalid int          `json:"invalid"`
			// Unreadable counts the paths that could not be read.
			Unreadable int `json:"unreadable,omitempty"`
		}{Files: r.files, Valid: r.valid, Invalid: r.invalid, Unreadable: r.unreadable}
		if doc.Files == nil {
			doc.Files = []fileResult{}
		}
		defer r.flushOut()
		enc := json.NewEncoder(r.stdout())
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			fmt.Fprintf(r.s.err, "jcx validate: %v\n", err)
		}
		return
	}
	r.flushOut()
	summary := fmt.Sprintf("%d valid, %d invalid", r.valid, r.invalid)
	if r.unreadable > 0 {
		summary += fmt.Sprintf(", %d unreadable", r.unreadable)
	}
	fmt.Fprintln(r.s.err, summary)
}

// flushOut writes out what the report has buffered for standard output.
func (r *reporter) flushOut() {
	if r.buffered != nil {
		r.buffered.Flush()
	}
}

// stdout is where results go: the buffer if there is one.
func (r *reporter) stdout() io.Writer {
	if r.buffered != nil {
		return r.buffered
	}
	return r.s.out
}
