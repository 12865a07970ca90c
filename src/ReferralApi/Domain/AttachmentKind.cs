namespace ReferralApi.Domain;

/// <summary>What a document attached to a referral is: the evidence agencies exchange along with it.</summary>
public enum AttachmentKind
{
    VisumEtRepertum,
    PoliceReport,
    ExaminationRecord,
    CourtDecision,
    MedicalRecord,
    PsychologicalAssessment,
    ConsentForm,
    IdentityDocument,
    Photo,
    Other,
}
