package costtest

import (
	"fmt"
	"time"
)

// Sizes returns the sizes a shape is measured at: each four times the one before, from a
// sixty-fourth of top up to top. The small ones matter too: a count limit can refuse the
// large ones at once, and the costliest input is then the largest one accepted.
func Sizes(top int) []int {
	return []int{top / 64, top / 16, top / 4, top}
}

// Below these floors a cost is noise (timer resolution, one garbage collection), so a
// step from a smaller cost is judged from the floor.
const (
	cpuFloor  = 20 * time.Millisecond
	heapFloor = 8 << 20
)

// maxStepGrowth is how much a cost may grow when the input grows fourfold: twice the
// linear factor, which leaves room for noise while a quadratic cost (sixteenfold) fails.
const maxStepGrowth = 8

// CheckGrowth reports, as an error, a step between two costs (measured at sizes four
// times apart, as Sizes gives them) where CPU or heap grew more than maxStepGrowth times.
func CheckGrowth(costs []Cost) error {
	for i := 1; i < len(costs); i++ {
		a, b := costs[i-1], costs[i]
		if b.CPU > maxStepGrowth*max(a.CPU, cpuFloor) {
			return fmt.Errorf("CPU grows faster than the input: %v at %d bytes, %v at %d", a.CPU, a.Size, b.CPU, b.Size)
		}
		if b.Heap > maxStepGrowth*max(a.Heap, heapFloor) {
			return fmt.Errorf("heap grows faster than the input: %d MiB at %d bytes, %d MiB at %d", a.Heap>>20, a.Size, b.Heap>>20, b.Size)
		}
	}
	return nil
}

// CheckAll reports, as an error, the first cost over the budget.
func (b Budget) CheckAll(costs []Cost) error {
	for _, c := range costs {
		if err := b.Check(c); err != nil {
			return err
		}
	}
	return nil
}

// Check reports, as an error, a cost over the budget.
func (b Budget) Check(c Cost) error {
	if c.CPU > b.CPU {
		return fmt.Errorf("%v of CPU for %d bytes; the budget is %v", c.CPU, c.Size, b.CPU)
	}
	if c.Heap > b.Heap {
		return fmt.Errorf("%d MiB of heap for %d bytes; the budget is %d MiB", c.Heap>>20, c.Size, b.Heap>>20)
	}
	return nil
}

func (c Cost) String() string {
	return fmt.Sprintf("%8d bytes %8.0f ms CPU %5d MiB heap", c.Size, float64(c.CPU)/float64(time.Millisecond), c.Heap>>20)
}
