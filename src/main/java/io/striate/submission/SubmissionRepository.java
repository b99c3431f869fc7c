package io.striate.submission;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface SubmissionRepository extends JpaRepository<Submission, Long> {
  Optional<Submission> findByOwnerAndIdempotencyKey(String owner, String idempotencyKey);
}
