package main

import (
	"context"
	"fmt"
	"io/fs"
	"math/bits"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/exchangelog"
)

// compareLog measures the exchange log: durable appends per second with concurrent
// appenders sharing commits (goal ≥ 10,000/s), the size and verification time of an
// inclusion proof in a log of 10^6 leaves built on disk, the same at 10^8 leaves computed
// from the tree arithmetic (not built), and the disk bytes per leaf.
func compareLog(cfg config) []row {
	dir, err := os.MkdirTemp(cfg.tmp, "log-")
	if err != nil {
		return []row{skipped("exchange log", err.Error())}
	}
	defer os.RemoveAll(dir)
	skey, _, err := exchangelog.GenerateKey("bench.example.test/log")
	if err != nil {
		return []row{skipped("exchange log", err.Error())}
	}
	signer, verifier, _ := exchangelog.ParseSignerKey(skey)
	ctx := context.Background()
	open := func(name string) (*exchangelog.Log, string) {
		d := filepath.Join(dir, name)
		if err := exchangelog.Init(d, signer); err != nil {
			fatalf("%v", err)
		}
		l, err := exchangelog.Open(ctx, d, signer, verifier)
		if err != nil {
			fatalf("%v", err)
		}
		return l, d
	}
	var rows []row

	// Durable appends: 1024 concurrent Append calls for 5 s.
	l, _ := open("rate")
	var n atomic.Int64
	stop := time.Now().Add(5 * time.Second)
	start := time.Now()
	var wg sync.WaitGroup
	for g := range 1024 {
		wg.Go(func() {
			for k := 0; time.Now().Before(stop); k++ {
				if _, err := l.Append(ctx, benchLeaf(g<<20|k)); err != nil {
					fatalf("%v", err)
				}
				n.Add(1)
			}
		})
	}
	wg.Wait()
	rate := float64(n.Load()) / time.Since(start).Seconds()
	rows = append(rows, row{name: "exchange log: durable appends/s, 1024 concurrent Append calls",
		jcx: fmt.Sprintf("%.0f/s", rate), other: "10000/s (goal)", ratio: rate / 10000, goal: atLeast(1)})
	l.Close()

	// 10^6 leaves, appended in bulk, then one proof verified many times.
	const million = 1_000_000
	big, bigDir := open("million")
	entries := make([][]byte, 0, 4096)
	var entryBytes int64
	for i := 0; i < million; i++ {
		e, _ := benchLeaf(i).MarshalBinary()
		entryBytes += int64(len(e))
		entries = append(entries, e)
		if len(entries) == cap(entries) || i == million-1 {
			if _, err := big.AppendEntries(ctx, entries); err != nil {
				fatalf("%v", err)
			}
			entries = entries[:0]
		}
	}
	p, signed, entry, err := big.Prove(ctx, million/3)
	if err != nil {
		fatalf("%v", err)
	}
	ver := &exchangelog.Verifier{Key: verifier}
	const iters = 2000
	t0 := time.Now()
	for range iters {
		cp, err := ver.OpenCheckpoint(signed)
		if err == nil {
			err = exchangelog.VerifyInclusion(cp, entry, p)
		}
		if err != nil {
			fatalf("%v", err)
		}
	}
	per := time.Since(t0) / iters
	rows = append(rows, row{name: "exchange log: inclusion proof at 10^6 leaves (built), checkpoint signature + proof",
		jcx: seconds(per), other: "1 ms (goal)", ratio: float64(per) / float64(time.Millisecond), goal: atMost(1),
		note: fmt.Sprintf("%d hashes, %d bytes", len(p.Hashes), 32*len(p.Hashes))})
	disk := dirBytes(bigDir)
	rows = append(rows, row{name: "exchange log: disk bytes per leaf at 10^6 (bulk appends), vs entry + bundle length + leaf hash",
		jcx: fmt.Sprintf("%.1f B", float64(disk)/million), other: fmt.Sprintf("%.1f B", float64(entryBytes)/million+34),
		ratio: float64(disk) / (float64(entryBytes) + 34*million), goal: atMost(1.5)})
	big.Close()

	// 10^8 leaves: not built. The proof has ceil(log2 n) hashes at most; its check is one
	// leaf hash and that many node hashes, timed here, plus the checkpoint signature.
	const hundredMillion = 100_000_000
	h := bits.Len64(hundredMillion - 1)
	var acc tlog.Hash
	t0 = time.Now()
	for range iters {
		acc = tlog.RecordHash(entry)
		for range h {
			acc = tlog.NodeHash(acc, acc)
		}
	}
	hashPer := time.Since(t0) / iters
	rows = append(rows, row{name: "exchange log: inclusion proof at 10^8 leaves (simulated from the tree math), hashing only",
		jcx: seconds(hashPer), other: "1 ms (goal)", ratio: float64(hashPer) / float64(time.Millisecond), goal: atMost(1),
		note: fmt.Sprintf("%d hashes, %d bytes", h, 32*h)})
	return rows
}

func benchLeaf(i int) exchangelog.Leaf {
	return exchangelog.Leaf{
		Digest:      [32]byte{byte(i), byte(i >> 8), byte(i >> 16), byte(i >> 24)},
		Sender:      exchange.Party{CountryCode: "FR", UniqueIdentifier: "parquet-national-financier"},
		Receiver:    exchange.Party{CountryCode: "DE", UniqueIdentifier: "gsta-frankfurt"},
		Transaction: exchange.UUID(fmt.Sprintf("2f1c7e34-6b0a-4c11-9d3e-%012x", i)),
		Time:        time.Date(2026, 12, 7, 5, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Microsecond),
		Direction:   exchangelog.Received,
	}
}

// dirBytes sums the sizes of the files under dir.
func dirBytes(dir string) int64 {
	var total int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return total
}
