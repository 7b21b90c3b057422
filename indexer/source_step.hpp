// SourceStep: the pipeline's extension point between reading a record and validating it —
// for work on what the archive gave (dropping a site's repeated boilerplate paragraphs from
// page bodies, mapping a site's own fields) before article_from_json sees the fields.
// Steps run on the analysis threads in the order given; each thread gets its own instances
// from the factories, so a step needs no locking.
#pragma once

#include <functional>
#include <memory>

#include "source_record.hpp"

namespace dateline::indexer {

class SourceStep {
public:
    virtual ~SourceStep() = default;
    // Rewrites record.fields, or replaces them with a RecordError to reject the record.
    // Called only for records that were read successfully.
    virtual void apply(SourceRecord& record) = 0;
};

using SourceStepFactory = std::function<std::unique_ptr<SourceStep>()>;

}  // namespace dateline::indexer
