"""Small pure helpers named for what they do. Nothing here imports the rest of Kadry."""
