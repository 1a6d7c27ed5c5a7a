package docs

import (
	"bytes"
	"runtime"
)

// freeList keeps up to its capacity of values for reuse. Unlike a
// sync.Pool, which the collector empties at every cycle, it keeps them:
// the buffers pages are rendered into stay grown to a page's size instead
// of growing again from nothing after each collection (at 5,000 modules,
// ~40 collections, over 100 MB of regrowth).
type freeList[T any] struct {
	kept     chan T
	newValue func() T
	// keep says whether a value is worth keeping: one grown far larger
	// than most would otherwise stay in memory for the process's life (a
	// devserver's).
	keep func(T) bool
}

// keepBytes is the largest buffer a free list keeps.
const keepBytes = 1 << 20

// newFreeList returns a free list of a value for each page rendered at
// once (parallel.Map: one per CPU), and as many more, made by newValue
// and kept when keep says so.
func newFreeList[T any](newValue func() T, keep func(T) bool) *freeList[T] {
	return &freeList[T]{kept: make(chan T, 2*runtime.GOMAXPROCS(0)), newValue: newValue, keep: keep}
}

// newBufferList returns a free list of buffers.
func newBufferList() *freeList[*bytes.Buffer] {
	return newFreeList(func() *bytes.Buffer { return new(bytes.Buffer) }, func(b *bytes.Buffer) bool { return b.Cap() <= keepBytes })
}

// get returns a kept value, or makes one.
func (l *freeList[T]) get() T {
	select {
	case v := <-l.kept:
		return v
	default:
		return l.newValue()
	}
}

// put keeps v for reuse, unless it is not worth keeping or the list is
// full. The caller empties it first.
func (l *freeList[T]) put(v T) {
	if !l.keep(v) {
		return
	}
	select {
	case l.kept <- v:
	default:
	}
}
