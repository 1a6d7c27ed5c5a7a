package docs

// freeList keeps up to its capacity of values for reuse. Unlike a
// sync.Pool, which the collector empties at every cycle, it keeps them:
// the buffers pages are rendered into stay grown to a page's size instead
// of growing again from nothing after each collection (at 5,000 modules,
// ~40 collections, over 100 MB of regrowth).
type freeList[T any] chan T

// keepBytes is the largest buffer a free list keeps: a page far larger
// than most would otherwise stay in memory for the process's life (a
// devserver's).
const keepBytes = 1 << 20

// newFreeList returns a free list of at most n values.
func newFreeList[T any](n int) freeList[T] { return make(freeList[T], n) }

// get returns a kept value, or makes one.
func (l freeList[T]) get(make func() T) T {
	select {
	case v := <-l:
		return v
	default:
		return make()
	}
}

// put keeps v for reuse, unless the list is full.
func (l freeList[T]) put(v T) {
	select {
	case l <- v:
	default:
	}
}
