package pretouch

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"syscall"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14): fault the range's
// pages in, writable, as writes would.
const madvPopulateWrite = 23

// probe is the object whose address tells where the heap starts (a
// global, so that it is on the heap).
var probe *[probeSize]byte

// probeSize is past the runtime's largest small object: the probe has a
// span of its own, taken from the heap's lowest free pages.
const probeSize = 64 << 10

// heapBase returns the page of a fresh object of the heap, from which the
// heap grows upward, once the kernel has shown that it populates pages.
// Not the start of the mapping that holds it: what lies below in that
// mapping may be the runtime's other memory, touched sparsely (populating
// it whole added 2–3 MB to the 5,000-module build's peak).
func heapBase() (uintptr, bool) {
	probe = new([probeSize]byte)
	at := uintptr(unsafe.Pointer(probe))
	probe = nil
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return 0, false
	}
	page := uintptr(os.Getpagesize())
	for _, m := range writable(maps) {
		if m.from <= at && at < m.to {
			// The probe's own page: a kernel without the advice says so.
			return at &^ (page - 1), madvise(at&^(page-1), page) == nil
		}
	}
	return 0, false
}

// populate makes the pages of [from, to) present where they are mapped
// writable, and returns the end of the last mapping it populated: the
// runtime maps its heap's address space as the heap grows, in order, so
// what lies beyond is not mapped yet.
func populate(from, to uintptr) uintptr {
	if madvise(from, to-from) == nil {
		return to
	}
	// ENOMEM: a part is not mapped; EINVAL: a part is mapped without access.
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return from
	}
	end := from
	for _, m := range writable(maps) {
		if a, b := max(m.from, from), min(m.to, to); a < b {
			_ = madvise(a, b-a)
			end = max(end, b)
		}
	}
	return end
}

func madvise(from, n uintptr) error {
	if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, from, n, madvPopulateWrite); e != 0 {
		return e
	}
	return nil
}

// mapping is an address range of /proc/self/maps.
type mapping struct{ from, to uintptr }

// writable returns the private anonymous writable mappings of a
// /proc/<pid>/maps text ("from-to perms offset dev inode [name]"), the
// kind the Go runtime maps its heap as.
func writable(maps []byte) []mapping {
	var ms []mapping
	sc := bufio.NewScanner(bytes.NewReader(maps))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) < 5 || !bytes.HasPrefix(f[1], []byte("rw-p")) || string(f[4]) != "0" {
			continue
		}
		r, to, ok := bytes.Cut(f[0], []byte("-"))
		if !ok {
			continue
		}
		a, err1 := strconv.ParseUint(string(r), 16, 64)
		b, err2 := strconv.ParseUint(string(to), 16, 64)
		if err1 != nil || err2 != nil || a >= b {
			continue
		}
		ms = append(ms, mapping{uintptr(a), uintptr(b)})
	}
	return ms
}
