package io.striate.study;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface StudyVariantRepository extends JpaRepository<StudyVariant, Long> {
  List<StudyVariant> findByStudyIdOrderByPositionAsc(long studyId);
}
