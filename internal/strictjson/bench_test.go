package strictjson

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// BenchmarkCheck compares Check with json.Valid, which checks syntax
// only, on a realistic message; go test -bench . -benchmem.
func BenchmarkCheck(b *testing.B) {
	data := readFile(b, filepath.Join("testdata", "bench", "message.json"))
	b.Run("strictjson.Check", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if err := Check(data, Limits{RequireSafeIntegers: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json.Valid", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if !json.Valid(data) {
				b.Fatal("invalid")
			}
		}
	})
}
