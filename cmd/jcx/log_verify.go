package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strconv"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/exchangelog"
)

func logProve(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("log prove", "--pub KEY.pub (--index N | --message FILE) DIR", "Prove writes, as JSON, the evidence that a leaf is in the log: the signed checkpoint,\nthe leaf's entry and its inclusion proof. \"jcx log verify\" checks it offline.", s)
	pub := fs.String("pub", "", "the operator's verifier `KEY.pub` file")
	index := fs.String("index", "", "the leaf's `N`")
	message := fs.String("message", "", "find the latest leaf of the message in `FILE`, by digest")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *pub == "" || len(pos) != 1 || (*index == "") == (*message == "") {
		return usageError(fs, "--pub, one DIR and one of --index and --message are required")
	}
	l, _, err := openLog(ctx, *pub, pos[0])
	if err != nil {
		return logFail(s, "prove", err)
	}
	var i int64
	if *index != "" {
		if i, err = strconv.ParseInt(*index, 10, 64); err != nil {
			return usageError(fs, "--index: %v", err)
		}
	} else {
		raw, err := readFileLimited(*message, exchange.DefaultMaxBytes)
		if err != nil {
			return logFail(s, "prove", err)
		}
		if i, err = l.Find(ctx, sha256.Sum256(raw)); err != nil {
			fmt.Fprintf(s.err, "jcx log prove: %s: %s\n", printable(*message), printableErr(err))
			return exitInvalid
		}
	}
	p, signed, entry, err := l.Prove(ctx, i)
	if err != nil {
		return logFail(s, "prove", err)
	}
	return printJSON(s, exchangelog.Evidence{Checkpoint: string(signed), Entry: entry, InclusionProof: p})
}

func logVerifier(pub string, witnesses []string, quorum int) (*exchangelog.Verifier, error) {
	v, err := readVerifier(pub)
	if err != nil {
		return nil, err
	}
	ver := &exchangelog.Verifier{Key: v, Quorum: quorum}
	for _, w := range witnesses {
		vkey, err := readKeyLine(w)
		if err != nil {
			return nil, err
		}
		wv, err := exchangelog.NewWitnessVerifier(vkey)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", w, err)
		}
		ver.Witnesses = append(ver.Witnesses, wv)
	}
	return ver, nil
}

type verifiedLeaf struct {
	Valid       bool   `json:"valid"`
	Error       string `json:"error,omitempty"`
	Index       int64  `json:"index"`
	TreeSize    int64  `json:"tree_size"`
	Digest      string `json:"digest,omitempty"`
	Sender      string `json:"sender,omitempty"`
	Receiver    string `json:"receiver,omitempty"`
	Transaction string `json:"transaction,omitempty"`
	Time        string `json:"time,omitempty"`
	Direction   string `json:"direction,omitempty"`
}

func logVerify(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("log verify", "--pub KEY.pub [--witness VKEY.pub]... [--quorum N] [--message FILE] [--output text|json] EVIDENCE", "Verify checks evidence written by \"jcx log prove\" offline, with only the operator's\nverifier key: the checkpoint's signature, the inclusion proof, and, with --message, that\nthe file is the message logged. Witness cosignatures are checked for the given keys.", s)
	pub := fs.String("pub", "", "the operator's verifier `KEY.pub` file")
	witnesses := addFlagList(fs, "witness", "a witness's cosignature verifier key `FILE` (repeatable)")
	quorum := fs.Int("quorum", 0, "how many of the --witness keys must have cosigned")
	message := fs.String("message", "", "the message `FILE` the leaf should be of")
	output := fs.String("output", "text", "output `format`: text or json")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *pub == "" || len(pos) != 1 || (*output != "text" && *output != "json") || *quorum < 0 || *quorum > len(*witnesses) {
		return usageError(fs, "--pub and one EVIDENCE file are required; --quorum at most the number of --witness keys")
	}
	ver, err := logVerifier(*pub, *witnesses, *quorum)
	if err != nil {
		return logFail(s, "verify", err)
	}
	data, err := readFileLimited(pos[0], 1<<20)
	if err != nil {
		return logFail(s, "verify", err)
	}
	ev, err := exchangelog.ParseEvidence(data)
	if err != nil {
		fmt.Fprintf(s.err, "jcx log verify: %s: %s\n", printable(pos[0]), printableErr(err))
		return exitInvalid
	}
	leaf, cp, err := ev.Verify(ver)
	if err == nil && *message != "" {
		raw, rerr := readFileLimited(*message, exchange.DefaultMaxBytes)
		if rerr != nil {
			return logFail(s, "verify", rerr)
		}
		if sha256.Sum256(raw) != leaf.Digest {
			err = errDigestMismatch
		}
	}
	res := verifiedLeaf{Valid: err == nil, Index: ev.Index, TreeSize: cp.Size}
	if err != nil {
		res.Error = err.Error()
	} else {
		res.Digest = fmt.Sprintf("%x", leaf.Digest)
		res.Sender = leaf.Sender.CountryCode + ":" + leaf.Sender.UniqueIdentifier
		res.Receiver = leaf.Receiver.CountryCode + ":" + leaf.Receiver.UniqueIdentifier
		res.Transaction = string(leaf.Transaction)
		res.Time = string(exchange.NewTimestamp(leaf.Time))
		res.Direction = leaf.Direction.String()
	}
	status := exitOK
	if err != nil {
		status = logFail(s, "verify", err)
	}
	if *output == "json" {
		printJSON(s, res)
		return status
	}
	if err == nil {
		fmt.Fprintf(s.out, "ok  leaf %d of %d: %s %s → %s, transaction %s, %s, sha-256 %s\n", res.Index, res.TreeSize,
			res.Direction, printable(res.Sender), printable(res.Receiver), res.Transaction, res.Time, res.Digest)
	}
	return status
}

func logConsistency(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("log consistency", "--pub KEY.pub [--output text|json] OLD_CHECKPOINT DIR", "Consistency checks that the log in DIR extends the tree of OLD_CHECKPOINT (a signed\ncheckpoint kept from earlier) without rewriting it: no fork, no rollback. With --output\njson it also prints the proof.", s)
	pub := fs.String("pub", "", "the operator's verifier `KEY.pub` file")
	output := fs.String("output", "text", "output `format`: text or json")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *pub == "" || len(pos) != 2 || (*output != "text" && *output != "json") {
		return usageError(fs, "--pub, OLD_CHECKPOINT and DIR are required")
	}
	oldSigned, err := readFileLimited(pos[0], 1<<20)
	if err != nil {
		return logFail(s, "consistency", err)
	}
	l, v, err := openLog(ctx, *pub, pos[1])
	if err != nil {
		return logFail(s, "consistency", err)
	}
	ver := &exchangelog.Verifier{Key: v}
	older, err := ver.OpenCheckpoint(oldSigned)
	if err != nil {
		return logFail(s, "consistency", fmt.Errorf("%s: %w", pos[0], err))
	}
	var p exchangelog.ConsistencyProof
	var newer exchangelog.Checkpoint
	if older.Size <= l.Size() {
		var signed []byte
		if p, signed, err = l.ProveConsistency(ctx, older.Size); err == nil {
			newer, err = ver.OpenCheckpoint(signed)
		}
	} else {
		newer, err = ver.OpenCheckpoint(l.Checkpoint())
	}
	if err == nil {
		err = exchangelog.VerifyConsistency(older, newer, p)
	}
	status := exitOK
	if err != nil {
		status = logFail(s, "consistency", err)
	}
	if *output == "json" {
		var msg string
		if err != nil {
			msg = err.Error()
		}
		printJSON(s, struct {
			Consistent bool   `json:"consistent"`
			Error      string `json:"error,omitempty"`
			exchangelog.ConsistencyProof
		}{err == nil, msg, p})
		return status
	}
	if err == nil {
		fmt.Fprintf(s.out, "ok  %d → %d leaves: the newer log extends the older without rewriting it\n", older.Size, newer.Size)
	}
	return status
}
