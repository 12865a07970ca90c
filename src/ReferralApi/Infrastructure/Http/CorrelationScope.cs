using System.Collections;

namespace ReferralApi.Infrastructure.Http;

/// <summary>
/// The logging scope of a request: its correlation id as the one property <c>CorrelationId</c>.
/// A list of one rather than a dictionary, since it is made for every request.
/// </summary>
internal sealed class CorrelationScope(string correlationId) : IReadOnlyList<KeyValuePair<string, object>>
{
    public int Count => 1;

    public KeyValuePair<string, object> this[int index] =>
        index == 0 ? new("CorrelationId", correlationId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "CorrelationId:" + correlationId;
}
