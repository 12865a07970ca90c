using System.Text.Json.Nodes;

namespace ReferralApi.IntegrationTests.Referrals;

/// <summary>Compares what was sent with what came back, naming the first field that differs.</summary>
public static class JsonAssert
{
    /// <summary>
    /// Every field of <paramref name="expected"/> appears in <paramref name="actual"/> with an equal
    /// value (nulls included); fields only the server adds, such as a derived <c>ageYears</c>, are ignored.
    /// </summary>
    public static void ContainsAll(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is JsonObject expectedObject)
        {
            var actualObject = Assert.IsType<JsonObject>(actual);
            foreach (var (name, value) in expectedObject)
            {
                Assert.True(actualObject.ContainsKey(name), $"{path}.{name}: missing from the response");
                ContainsAll(value, actualObject[name], $"{path}.{name}");
            }

            return;
        }

        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"{path}: sent {expected?.ToJsonString() ?? "null"}, got back {actual?.ToJsonString() ?? "null"}");
    }
}
