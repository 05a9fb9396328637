package workloads

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Sleep blocks for d, or until ctx is done, and returns ctx's error in that
// case. It is the "I/O wait" of the tutorials' time.sleep(1): a task that
// spends its time waiting for something outside the program, not computing.
// While it waits it uses no CPU, so ten thousand goroutines can wait at once
// and all finish after about d, where ten thousand CPU-bound tasks would
// queue for the cores.
//
// A negative d is an error; zero returns at once (with ctx's error if ctx is
// already done).
func Sleep(ctx context.Context, d time.Duration) error {
	if ctx == nil {
		return errors.New("workloads: Sleep: nil context")
	}
	if d < 0 {
		return fmt.Errorf("workloads: Sleep: negative duration %v", d)
	}
	if d == 0 {
		return ctx.Err()
	}
	// A timer rather than time.Sleep, so that cancelling ctx wakes us.
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// WriteFiles prepares a file-reading workload: it creates n files of size
// bytes each in dir, which must exist, and returns their paths. The bytes
// follow a simple pattern so that every file has the same, checkable content.
// Removing the files is the caller's job; a test gives dir = t.TempDir().
func WriteFiles(dir string, n, size int) ([]string, error) {
	switch {
	case n < 0 || size < 0:
		return nil, fmt.Errorf("workloads: WriteFiles: n=%d and size=%d must not be negative", n, size)
	case n > MaxFiles:
		return nil, fmt.Errorf("workloads: WriteFiles: n=%d is more than %d files", n, MaxFiles)
	case size > MaxFileSize:
		return nil, fmt.Errorf("workloads: WriteFiles: size=%d is more than %d bytes (%d MiB) a file", size, MaxFileSize, MaxFileSize>>20)
	case int64(n)*int64(size) > MaxTotalSize:
		return nil, fmt.Errorf("workloads: WriteFiles: %d files of %d bytes is more than %d MiB in all", n, size, MaxTotalSize>>20)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("workloads: WriteFiles: cannot use the folder: %w", pathless(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("workloads: WriteFiles: %s is not a directory", filepath.Base(dir))
	}
	// One block of the pattern, written as many times as a file needs: the
	// file's body is never all in memory.
	block := make([]byte, min(size, 64<<10))
	for i := range block {
		block[i] = byte('a' + i%26)
	}
	paths := make([]string, n)
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("file-%05d.txt", i))
		if err := writeFile(paths[i], block, size); err != nil {
			return nil, fmt.Errorf("workloads: WriteFiles: file %d: %w", i, pathless(err))
		}
	}
	return paths, nil
}

// Bounds of [WriteFiles]: the course reads files of kilobytes to a few
// MiB; these stop a typo from filling the disk.
const (
	MaxFiles     = 100_000
	MaxFileSize  = 1 << 30 // 1 GiB
	MaxTotalSize = 4 << 30 // 4 GiB
)

// writeFile writes size bytes of the repeating block to path.
func writeFile(path string, block []byte, size int) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	for size > 0 {
		k := min(size, len(block))
		if _, err := f.Write(block[:k]); err != nil {
			f.Close()
			return err
		}
		size -= k
	}
	return f.Close()
}

// ReadFiles reads every file to its end, one after the other, and returns
// the number of bytes read. It is the file half of the tutorials' I/O-bound
// tasks; to overlap reads, give each goroutine its own slice of paths.
//
// Files just written are usually still in the kernel's page cache, so this
// measures the read system calls and the copying into memory rather than a
// disk: the repeatable part, the same on any kind of disk. Every byte really
// is copied, in read system calls of 32 KiB that the compiler cannot remove.
func ReadFiles(paths []string) (int64, error) {
	var total int64
	buf := make([]byte, 32<<10)
	for _, p := range paths {
		n, err := readFile(p, buf)
		total += n
		if err != nil {
			return total, fmt.Errorf("workloads: ReadFiles: %w", err)
		}
	}
	return total, nil
}

// readFile reads path to its end through buf and returns the bytes read.
func readFile(path string, buf []byte) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var total int64
	for {
		n, err := f.Read(buf)
		total += int64(n)
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// pathless drops the path from a file error, keeping what went wrong:
// error messages end up in notebook outputs, where a path of the reader's
// machine has no place.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s %s: %w", pe.Op, filepath.Base(pe.Path), pe.Err)
	}
	return err
}
