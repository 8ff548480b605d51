namespace Entrust.Web.Platform;

/// <summary>
/// A required dropdown starts on 请选择 (value ""), which binds as null: the form's input takes the choice as nullable, never
/// defaulting to the first option unseen. The domain takes its kinds non-nullably, so a missing choice reaches it as an
/// undefined value, which it refuses like any other with <c>Validation.Choose</c> (请选择“类别”), beside the field.
/// </summary>
public static class Unchosen
{
    public static T OrUnchosen<T>(this T? value) where T : struct, Enum => value ?? (T)Enum.ToObject(typeof(T), -1);
}
