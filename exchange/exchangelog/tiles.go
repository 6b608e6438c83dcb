package exchangelog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/mod/sumdb/tlog"
)

// TileHeight is the C2SP tlog-tiles tile height: 2^8 = 256 hashes or entries per tile.
const TileHeight = 8

// ErrCorrupt is matched by the errors of reads whose tile, entry bundle or checkpoint on
// disk does not match what the signed tree commits to: a flipped byte, a truncated file,
// a missing tile. Such data is never returned.
var ErrCorrupt = errors.New("exchangelog: corrupt log data")

// TilePath returns the C2SP tlog-tiles path of t: "tile/<L>/<N>[.p/<W>]" for a hash tile
// and "tile/entries/<N>[.p/<W>]" for an entry bundle (L = -1). Go's sumdb layout puts the
// tile height after "tile/" and calls bundles "data"; C2SP fixes the height at 8 and leaves
// it out, so the mapping drops that element and renames the bundle directory.
func TilePath(t tlog.Tile) string {
	rest := strings.TrimPrefix(t.Path(), "tile/"+strconv.Itoa(t.H)+"/")
	if t.L == -1 {
		return "tile/entries/" + strings.TrimPrefix(rest, "data/")
	}
	return "tile/" + rest
}

// bundleFor returns the entry-bundle tile that holds the entries of hash tile t (level 0).
func bundleFor(t tlog.Tile) tlog.Tile {
	t.L = -1
	return t
}

// appendBundle appends one entry to an entry bundle: a two-byte big-endian length, then
// the entry's bytes.
func appendBundle(b, entry []byte) []byte {
	b = binary.BigEndian.AppendUint16(b, uint16(len(entry)))
	return append(b, entry...)
}

// ParseBundle splits an entry bundle into its entries. It refuses a bundle that does not
// hold exactly want entries or ends inside one.
func ParseBundle(b []byte, want int) ([][]byte, error) {
	entries := make([][]byte, 0, want)
	for len(b) > 0 {
		if len(b) < 2 {
			return nil, fmt.Errorf("%w: entry bundle ends inside a length", ErrCorrupt)
		}
		n := int(binary.BigEndian.Uint16(b))
		if len(b) < 2+n {
			return nil, fmt.Errorf("%w: entry bundle ends inside an entry", ErrCorrupt)
		}
		if len(entries) == want {
			return nil, fmt.Errorf("%w: entry bundle holds more than %d entries", ErrCorrupt, want)
		}
		entries = append(entries, b[2:2+n])
		b = b[2+n:]
	}
	if len(entries) != want {
		return nil, fmt.Errorf("%w: entry bundle holds %d entries, want %d", ErrCorrupt, len(entries), want)
	}
	return entries, nil
}

// dirTiles reads hash tiles from a log directory for tlog.TileHashReader, which checks
// every tile it is given against the signed tree before using it. Tiles confirmed that
// way are cached (bounded), so the writer's right edge is read from disk once.
type dirTiles struct {
	dir string

	mu    sync.Mutex
	cache map[tlog.Tile][]byte
}

const maxCachedTiles = 4096 // 32 MiB of hash tiles at most

func newDirTiles(dir string) *dirTiles {
	return &dirTiles{dir: dir, cache: make(map[tlog.Tile][]byte)}
}

func (d *dirTiles) Height() int { return TileHeight }

func (d *dirTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		d.mu.Lock()
		data, ok := d.cache[t]
		d.mu.Unlock()
		if ok {
			out[i] = data
			continue
		}
		data, err := os.ReadFile(filepath.Join(d.dir, filepath.FromSlash(TilePath(t))))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		if len(data) != t.W*tlog.HashSize {
			return nil, fmt.Errorf("%w: %s holds %d bytes, want %d", ErrCorrupt, TilePath(t), len(data), t.W*tlog.HashSize)
		}
		out[i] = data
	}
	return out, nil
}

func (d *dirTiles) SaveTiles(tiles []tlog.Tile, data [][]byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.cache)+len(tiles) > maxCachedTiles {
		clear(d.cache)
	}
	for i, t := range tiles {
		d.cache[t] = data[i]
	}
}

// put records tiles the writer has just made durable; they are trusted because the
// writer computed them.
func (d *dirTiles) put(t tlog.Tile, data []byte) { d.SaveTiles([]tlog.Tile{t}, [][]byte{data}) }
