// RecordBatch: raw records of one input, handed from the reader thread to the analysis threads
// in one piece (by the ingest run and by the boilerplate survey), so the pool's locking is paid
// per batch rather than per record.
// Plain value type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "record_reader.hpp"

namespace dateline::indexer {

constexpr std::size_t kRecordsPerBatch = 64;

struct RecordBatch {
    std::size_t input = 0;  // index in the run's list of inputs
    std::vector<RawRecord> records;
    std::uint64_t bytes_consumed = 0;  // across all inputs, when this batch was cut
};

}  // namespace dateline::indexer
