package exchangelog

import (
	"os"
	"path/filepath"
	"sync"
)

// durableWriter makes a set of files durable together, in two rounds of fsync however
// many files there are, so that a commit's cost does not grow with the tiles it writes:
//
//  1. every file written with create (at its final name) or replace (at a temporary
//     name), and every directory that gained a name, is fsynced — all at once;
//  2. the temporary files are renamed over their final names, and the directories of
//     those renames are fsynced — again all at once.
//
// Once sync returns, each file is on disk under its final name. A crash before leaves
// the files of replace untouched under their final names, and those of create at their
// final names with any content: create is for paths no published tree names yet (new
// tiles and bundles), replace for a path readers rely on (the checkpoint), so only the
// latter's rename, after everything else is durable, publishes anything.
type durableWriter struct {
	root    string
	dirs    map[string]bool // directories that gained a name (round 1)
	files   []*os.File      // written, to fsync and close (round 1)
	renames [][2]string     // temporary name → final name (round 2)
}

func newDurableWriter(root string) *durableWriter {
	return &durableWriter{root: root, dirs: make(map[string]bool)}
}

// create writes data at rel (a slash-separated path under root), truncating whatever
// was there: for a path that no published tree names yet.
func (w *durableWriter) create(rel string, data []byte) error {
	name := filepath.Join(w.root, filepath.FromSlash(rel))
	dir := filepath.Dir(name)
	if err := w.mkdirAll(dir); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	w.files = append(w.files, f)
	w.dirs[dir] = true
	return nil
}

// replace writes data to a temporary file that sync renames over rel, once everything
// else is durable.
func (w *durableWriter) replace(rel string, data []byte) error {
	name := filepath.Join(w.root, filepath.FromSlash(rel))
	dir := filepath.Dir(name)
	if err := w.mkdirAll(dir); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	w.files = append(w.files, f)
	w.renames = append(w.renames, [2]string{f.Name(), name})
	return nil
}

// mkdirAll creates dir and its missing parents, and marks each parent of a created
// directory for fsync.
func (w *durableWriter) mkdirAll(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := w.mkdirAll(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !os.IsExist(err) {
		return err
	}
	w.dirs[filepath.Dir(dir)] = true
	return nil
}

// sync runs the two rounds. On an error the temporary files are removed and nothing is
// renamed; files written with create stay, unpublished.
func (w *durableWriter) sync() error {
	files, renames, dirs := w.files, w.renames, w.dirs
	w.files, w.renames, w.dirs = nil, nil, make(map[string]bool)
	var jobs []func() error
	for _, f := range files {
		jobs = append(jobs, func() error {
			err := f.Sync()
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			return err
		})
	}
	for dir := range dirs {
		jobs = append(jobs, func() error { return syncDir(dir) })
	}
	if err := all(jobs); err != nil {
		for _, r := range renames {
			os.Remove(r[0])
		}
		return err
	}
	renamed := map[string]bool{}
	for i, r := range renames {
		if err := os.Rename(r[0], r[1]); err != nil {
			for _, rest := range renames[i:] {
				os.Remove(rest[0])
			}
			return err
		}
		renamed[filepath.Dir(r[1])] = true
	}
	jobs = jobs[:0]
	for dir := range renamed {
		jobs = append(jobs, func() error { return syncDir(dir) })
	}
	return all(jobs)
}

// abort closes the files of a writer that will not sync, and removes its temporary
// files. After sync it does nothing.
func (w *durableWriter) abort() {
	for _, f := range w.files {
		f.Close()
	}
	for _, r := range w.renames {
		os.Remove(r[0])
	}
	w.files, w.renames = nil, nil
}

// maxSyncs bounds the fsyncs in flight at once.
const maxSyncs = 32

// all runs the jobs concurrently, at most maxSyncs at a time, and returns the first
// error. Concurrent fsyncs let the file system commit them together: on a journalling
// file system they share one journal commit where sequential ones would each wait
// for their own.
func all(jobs []func() error) error {
	if len(jobs) == 1 {
		return jobs[0]()
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	slots := make(chan struct{}, maxSyncs)
	for _, job := range jobs {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			if err := job(); err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
