package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/sumdb/note"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/exchangelog"
)

const logUsage = `
Log keeps and checks a tamper-evident exchange log: a Merkle tree of one leaf per message
(its SHA-256, sender, receiver, transaction identifier, timestamp and direction — never its
content), stored as C2SP tiles with a signed checkpoint. See docs/log.md.

	jcx log init        --origin NAME --key-out KEY DIR
	jcx log append      --key KEY [--direction received|sent] [--output text|json] DIR MESSAGE...
	jcx log checkpoint  --pub KEY.pub DIR
	jcx log prove       --pub KEY.pub (--index N | --message FILE) DIR
	jcx log verify      --pub KEY.pub [--witness VKEY.pub]... [--quorum N] [--message FILE] [--output text|json] EVIDENCE
	jcx log consistency --pub KEY.pub [--output text|json] OLD_CHECKPOINT DIR

Run "jcx log <subcommand> -h" for the flags of each.

Exit status: 0 success, 1 a proof, checkpoint or log was refused, 2 usage or I/O error.
`

func cmdLog(ctx context.Context, args []string, s *stdio) int {
	subs := map[string]func(context.Context, []string, *stdio) int{
		"init": logInit, "append": logAppend, "checkpoint": logCheckpoint,
		"prove": logProve, "verify": logVerify, "consistency": logConsistency,
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		w := s.err
		if len(args) > 0 {
			w = s.out
		}
		fmt.Fprintf(w, "usage: jcx log init|append|checkpoint|prove|verify|consistency [flags]\n%s", logUsage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	run, ok := subs[args[0]]
	if !ok {
		fmt.Fprintf(s.err, "jcx log: unknown subcommand %q (init, append, checkpoint, prove, verify, consistency)\n", args[0])
		return exitUsage
	}
	return run(ctx, args[1:], s)
}

// logFail reports err and picks the exit code: 1 when the log or a proof was refused
// (a verification failure or corrupt data), 2 for anything else (usage, I/O).
func logFail(s *stdio, sub string, err error) int {
	fmt.Fprintf(s.err, "jcx log %s: %s\n", sub, printableErr(err))
	for _, refused := range []error{exchangelog.ErrBadSignature, exchangelog.ErrWrongLog, exchangelog.ErrWitness,
		exchangelog.ErrNotIncluded, exchangelog.ErrFork, exchangelog.ErrRollback, exchangelog.ErrInconsistent,
		exchangelog.ErrCorrupt, exchangelog.ErrMalformedCheckpoint, exchangelog.ErrMalformedLeaf, errDigestMismatch} {
		if errors.Is(err, refused) {
			return exitInvalid
		}
	}
	return exitUsage
}

var errDigestMismatch = errors.New("the message is not the one logged: digests differ")

func logInit(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("log init", "--origin NAME --key-out KEY DIR", "Init creates an empty log in DIR and the operator's key: KEY (private, mode 0600,\nnever overwritten) and KEY.pub (the verifier key to publish). NAME is the log's origin,\nconventionally a URL without scheme, e.g. log.example.eu/jcx.", s)
	origin := fs.String("origin", "", "the log's `NAME` (checkpoint origin and key name)")
	keyOut := fs.String("key-out", "", "write the private key to `FILE` and the public key to FILE.pub")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *origin == "" || *keyOut == "" || len(pos) != 1 {
		return usageError(fs, "--origin, --key-out and one DIR are required")
	}
	skey, vkey, err := exchangelog.GenerateKey(*origin)
	if err != nil {
		return usageError(fs, "--origin: %v", err)
	}
	signer, _, err := exchangelog.ParseSignerKey(skey)
	if err != nil {
		return logFail(s, "init", err)
	}
	if err := writeNew(*keyOut, []byte(skey+"\n"), 0o600); err != nil {
		return logFail(s, "init", err)
	}
	if err := writeNew(*keyOut+".pub", []byte(vkey+"\n"), 0o644); err != nil {
		return logFail(s, "init", err)
	}
	if err := exchangelog.Init(pos[0], signer); err != nil {
		return logFail(s, "init", err)
	}
	fmt.Fprintf(s.out, "log:      %s\nkey:      %s\nverifier: %s\n", printable(pos[0]), printable(*keyOut), vkey)
	return exitOK
}

func readKeyLine(path string) (string, error) {
	b, err := readFileLimited(path, 4096)
	return strings.TrimSpace(string(b)), err
}

func readVerifier(path string) (note.Verifier, error) {
	vkey, err := readKeyLine(path)
	if err != nil {
		return nil, err
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

func logAppend(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("log append", "--key KEY [--direction received|sent] [--output text|json] DIR MESSAGE...", "Append logs one leaf per MESSAGE (XML or JSON, decoded to read its header; its exact bytes\nare digested) and prints the index of each once it is durable.", s)
	keyPath := fs.String("key", "", "the operator's private `KEY` file")
	direction := fs.String("direction", "received", "`received` or sent: whether the operator received the messages")
	output := fs.String("output", "text", "output `format`: text or json")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *keyPath == "" || len(pos) < 2 {
		return usageError(fs, "--key, DIR and at least one MESSAGE are required")
	}
	dir := map[string]exchangelog.Direction{"received": exchangelog.Received, "sent": exchangelog.Sent}[*direction]
	if dir == 0 || (*output != "text" && *output != "json") {
		return usageError(fs, "--direction wants received or sent, --output text or json")
	}
	skey, err := readKeyLine(*keyPath)
	if err != nil {
		return logFail(s, "append", err)
	}
	signer, verifier, err := exchangelog.ParseSignerKey(skey)
	if err != nil {
		return logFail(s, "append", fmt.Errorf("%s: %w", *keyPath, err))
	}
	var entries [][]byte
	for _, p := range pos[1:] {
		raw, err := readFileLimited(p, exchange.DefaultMaxBytes)
		if err != nil {
			return logFail(s, "append", err)
		}
		msg, err := exchange.Unmarshal(raw, exchange.FormatAuto)
		if err != nil {
			fmt.Fprintf(s.err, "jcx log append: %s: %s\n", printable(p), printableErr(err))
			return exitInvalid
		}
		leaf, err := exchangelog.LeafFor(raw, msg.Header, dir)
		if err == nil {
			entries = append(entries, nil)
			entries[len(entries)-1], err = leaf.MarshalBinary()
		}
		if err != nil {
			fmt.Fprintf(s.err, "jcx log append: %s: %s\n", printable(p), printableErr(err))
			return exitInvalid
		}
	}
	l, err := exchangelog.Open(ctx, pos[0], signer, verifier)
	if err != nil {
		return logFail(s, "append", err)
	}
	defer l.Close()
	first, err := l.AppendEntries(ctx, entries)
	if err != nil {
		return logFail(s, "append", err)
	}
	type appended struct {
		File  string `json:"file"`
		Index int64  `json:"index"`
	}
	var out []appended
	for i, p := range pos[1:] {
		out = append(out, appended{p, first + int64(i)})
	}
	if *output == "json" {
		return printJSON(s, struct {
			Appended []appended `json:"appended"`
			Size     int64      `json:"tree_size"`
		}{out, l.Size()})
	}
	for _, a := range out {
		fmt.Fprintf(s.out, "%d\t%s\n", a.Index, printable(a.File))
	}
	return exitOK
}

func printJSON(s *stdio, v any) int {
	enc := json.NewEncoder(s.out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return exitUsage
	}
	return exitOK
}

// openLog opens DIR read-only after checking its checkpoint against --pub.
func openLog(ctx context.Context, pubPath, dir string) (*exchangelog.Log, note.Verifier, error) {
	v, err := readVerifier(pubPath)
	if err != nil {
		return nil, nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, exchangelog.CheckpointFile)); err != nil {
		return nil, nil, err
	}
	l, err := exchangelog.Open(ctx, dir, nil, v)
	return l, v, err
}

func logCheckpoint(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("log checkpoint", "--pub KEY.pub DIR", "Checkpoint prints the log's latest signed checkpoint after checking it and the tiles\nit commits to.", s)
	pub := fs.String("pub", "", "the operator's verifier `KEY.pub` file")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *pub == "" || len(pos) != 1 {
		return usageError(fs, "--pub and one DIR are required")
	}
	l, _, err := openLog(ctx, *pub, pos[0])
	if err != nil {
		return logFail(s, "checkpoint", err)
	}
	s.out.Write(l.Checkpoint())
	return exitOK
}

// addFlagList is a repeatable string flag.
func addFlagList(fs *flag.FlagSet, name, usage string) *[]string {
	var list []string
	fs.Func(name, usage, func(v string) error { list = append(list, v); return nil })
	return &list
}
