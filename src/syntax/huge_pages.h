// An allocator for the large tables that are read at random (the perceptron
// weights): it asks the kernel for transparent huge pages, so that a lookup
// that misses the caches does not also miss the TLB. With 4 KiB pages the
// parser's 60 MB of weights span 15,000 pages, far more than the TLB holds;
// with 2 MiB pages they span 30.
#ifndef ENTENTE_SYNTAX_HUGE_PAGES_H_
#define ENTENTE_SYNTAX_HUGE_PAGES_H_

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

namespace entente::syntax {

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;
  // Smaller blocks take the ordinary heap: a huge page for them would waste
  // memory and gain nothing.
  static constexpr size_t kThreshold = kHugePage / 2;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding.

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kThreshold) return std::allocator<T>().allocate(n);
    void* p = std::aligned_alloc(kHugePage, RoundUp(bytes));
    if (p == nullptr) throw std::bad_alloc();
    // Advice only: without THP support the memory works as usual.
    madvise(p, RoundUp(bytes), MADV_HUGEPAGE);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kThreshold) {
      std::allocator<T>().deallocate(p, n);
    } else {
      std::free(p);
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }

 private:
  static size_t RoundUp(size_t bytes) {
    return (bytes + kHugePage - 1) / kHugePage * kHugePage;
  }
};

template <typename T>
using HugePageVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace entente::syntax

#endif  // ENTENTE_SYNTAX_HUGE_PAGES_H_
