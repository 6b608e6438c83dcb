package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// minSharedFolder is the number of arguments naming files of one folder from which that
// folder is listed once, rather than each argument stat'ed (see regularFiles).
const minSharedFolder = 32

// regularFiles returns the arguments that name regular files, found by listing the folders
// that at least minSharedFolder of them name files in: a shell glob such as corpus/*.xml
// names thousands, and one listing costs a few system calls where a stat per file costs
// one each, as much as reading a small file. An argument the listing does not show as a
// regular file (a folder, a symbolic link, a name not found, a folder that cannot be
// listed) is left to os.Stat, so the answers and errors are the same as without it.
func regularFiles(args []string) map[string]bool {
	byFolder := map[string][]string{}
	for _, arg := range args {
		if folder, _, ok := splitArg(arg); ok {
			byFolder[folder] = append(byFolder[folder], arg)
		}
	}
	regular := map[string]bool{}
	for folder, named := range byFolder {
		if len(named) < minSharedFolder {
			continue
		}
		f, err := os.Open(folder)
		if err != nil {
			continue
		}
		entries, _ := f.ReadDir(-1) // unsorted: the order does not matter here
		f.Close()
		kind := make(map[string]fs.FileMode, len(entries))
		for _, e := range entries {
			kind[e.Name()] = e.Type()
		}
		for _, arg := range named {
			_, name, _ := splitArg(arg)
			if t, ok := kind[name]; ok && t.IsRegular() {
				regular[arg] = true
			}
		}
	}
	return regular
}

// splitArg splits an argument at its last separator, without cleaning it: the kernel
// resolves "link/../x" through the link, and the folder listed must be the one it opens.
func splitArg(arg string) (folder, name string, ok bool) {
	i := strings.LastIndexByte(arg, filepath.Separator)
	switch {
	case i < 0:
		folder, name = ".", arg
	case i == 0:
		folder, name = arg[:1], arg[1:]
	default:
		folder, name = arg[:i], arg[i+1:]
	}
	return folder, name, name != "" && name != "." && name != ".." && arg != stdinName
}
