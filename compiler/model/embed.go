package model

// Embed is embed.json.
type Embed struct {
	Package string `json:"package"`
	// Version is the version the files are (for dist/<p>/latest/, the
	// release latest/ holds).
	Version string `json:"version"`
	// Global is the IIFE's global: the script sets
	// window[Global].packages[Package].
	Global string `json:"global"`
	// Script and Module name the IIFE bundle and the ES module in Files.
	Script string `json:"script"`
	Module string `json:"module"`
	// Files lists every other file of the directory by name.
	Files map[string]EmbedFile `json:"files"`
}

// EmbedFile is one embeddable file.
type EmbedFile struct {
	// URL is the file's path relative to the site root:
	// "dist/auth/1.2.0/auth.js".
	URL string `json:"url"`
	// Integrity is its Subresource Integrity value (see Hash).
	Integrity string `json:"integrity"`
}
