namespace ReferralApi.Domain;

/// <summary>
/// Kemendagri region codes nest by prefix: <c>61</c> (province) holds <c>61.03</c> (regency), which
/// holds <c>61.03.21</c> (district), which holds <c>61.03.21.2001</c> (village).
/// </summary>
public static class RegionHierarchy
{
    /// <summary>The code and every code that contains it, innermost first: 61.03.21 → 61.03.21, 61.03, 61.</summary>
    public static IReadOnlyList<string> SelfAndAncestors(string code)
    {
        var codes = new List<string> { code };
        for (var dot = code.LastIndexOf('.'); dot > 0; dot = code.LastIndexOf('.', dot - 1))
        {
            codes.Add(code[..dot]);
        }

        return codes;
    }
}
