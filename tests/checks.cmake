# checks added next
