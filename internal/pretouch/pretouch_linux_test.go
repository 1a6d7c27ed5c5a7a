package pretouch

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

func TestWritable(t *testing.T) {
	maps := []byte(`00400000-01293000 r-xp 00000000 fe:00 9977941                            /usr/bin/modc
02467000-026bb000 rw-p 02067000 fe:00 9977941                            /usr/bin/modc
026bb000-04704000 rw-p 00000000 00:00 0 
2ad918000000-2ad91ac00000 ---p 00000000 00:00 0 
2ad91ac00000-2ad925400000 rw-p 00000000 00:00 0                          [anon: Go: heap]
7f905c000000-7f905c021000 rw-s 00000000 00:01 12                         /dev/zero (deleted)
7ffd1e9e1000-7ffd1ea02000 rw-p 00000000 00:00 0                          [stack]
garbage line
`)
	got := writable(maps)
	want := []mapping{{0x026bb000, 0x04704000}, {0x2ad91ac00000, 0x2ad925400000}, {0x7ffd1e9e1000, 0x7ffd1ea02000}}
	if len(got) != len(want) {
		t.Fatalf("writable = %x, want %x", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("writable[%d] = %x, want %x", i, got[i], want[i])
		}
	}
}

// resident counts the pages of b that are in memory.
func resident(t *testing.T, b []byte) int {
	t.Helper()
	vec := make([]byte, (len(b)+os.Getpagesize()-1)/os.Getpagesize())
	if _, _, e := syscall.Syscall(syscall.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0]))); e != 0 {
		t.Fatal(e)
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n
}

// TestPopulateSkipsHoles: a range with a hole and a page without access is
// populated where it is mapped writable, and populate says how far.
func TestPopulateSkipsHoles(t *testing.T) {
	page := os.Getpagesize()
	b, err := unix.Mmap(-1, 0, 16*page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	from := uintptr(unsafe.Pointer(&b[0]))
	defer syscall.Syscall(syscall.SYS_MUNMAP, from, uintptr(len(b)), 0)
	// A hole (unix.Munmap unmaps only what unix.Mmap returned whole).
	if _, _, e := syscall.Syscall(syscall.SYS_MUNMAP, from+uintptr(4*page), uintptr(2*page), 0); e != 0 {
		t.Fatal(e)
	}
	if err := unix.Mprotect(b[8*page:9*page], unix.PROT_NONE); err != nil { // no access
		t.Fatal(err)
	}
	if n := resident(t, b[:4*page]) + resident(t, b[6*page:8*page]) + resident(t, b[9*page:]); n != 0 {
		t.Fatalf("%d pages resident before", n)
	}
	if end := populate(from, from+uintptr(14*page)); end != from+uintptr(14*page) {
		t.Errorf("populate reached page %d, want 14", (end-from)/uintptr(page))
	}
	if n := resident(t, b[:4*page]) + resident(t, b[6*page:8*page]) + resident(t, b[9*page:14*page]); n != 11 {
		t.Errorf("%d of the 11 writable pages resident, want all", n)
	}
	if n := resident(t, b[14*page:]); n != 0 {
		t.Errorf("%d pages past the range resident", n)
	}
}

// TestStartPopulatesTheHeap: memory the heap grows into is resident soon
// after the runtime maps it, before anything writes to it; without Start
// it is not.
func TestStartPopulatesTheHeap(t *testing.T) {
	const size = 48 << 20
	// Fresh memory from the system is not written by the allocator.
	before := make([]byte, size)
	if n := resident(t, before); n > size/os.Getpagesize()/2 {
		t.Skipf("the runtime wrote %d of the pages of a fresh allocation", n)
	}
	runtime.KeepAlive(before)

	stop := Start()
	defer stop()
	after := make([]byte, size)
	pages := size / os.Getpagesize()
	deadline := time.Now().Add(10 * time.Second)
	for resident(t, after) < pages*9/10 {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d pages resident after 10 s", resident(t, after), pages)
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(after)
	stop()
}
