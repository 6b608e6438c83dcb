package intake

import (
	"bytes"
	"testing"
)

func TestReadBody(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 50_000) // 500 kB
	tests := []struct {
		name      string
		announced int64
		limit     int64
		budget    int64
		want      int // bytes returned, -1 for ErrBusy
	}{
		{"announced length", int64(len(data)), 1 << 20, 1 << 20, len(data)},
		{"unknown length grows in chunks", -1, 1 << 20, 1 << 20, len(data)},
		{"limit cuts the body", -1, 1000, 1 << 20, 1000},
		{"announced length over the budget", int64(len(data)), 1 << 20, 100_000, -1},
		{"unknown length runs out of budget", -1, 1 << 20, 200_000, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBudget(tc.budget)
			got, held, err := ReadBody(bytes.NewReader(data), tc.announced, tc.limit, b)
			b.Give(held)
			if b.free != tc.budget {
				t.Errorf("budget after give = %d, want %d (nothing kept)", b.free, tc.budget)
			}
			if tc.want < 0 {
				if err != ErrBusy {
					t.Fatalf("err = %v, want ErrBusy", err)
				}
				return
			}
			if err != nil || !bytes.Equal(got, data[:tc.want]) {
				t.Fatalf("got %d bytes, err %v; want %d bytes", len(got), err, tc.want)
			}
		})
	}
}
