namespace ReferralApi.Infrastructure.Validation;

/// <summary>Kemendagri region codes: <c>NN</c>, <c>NN.NN</c>, <c>NN.NN.NN</c> or <c>NN.NN.NN.NNNN</c> (13 characters at most).</summary>
internal static class RegionCodes
{
    public const int MaxLength = 13;
}
