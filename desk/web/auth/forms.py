"""Staff login."""

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField("用户名", validators=[DataRequired("请填写用户名"), Length(max=64)])
    password = PasswordField("密码", validators=[DataRequired("请填写密码"), Length(max=128)])


class PasswordForm(FlaskForm):
    """The current password and a new one, twice."""

    current = PasswordField("当前密码", validators=[DataRequired("请填写当前密码"), Length(max=128)])
    new = PasswordField(
        "新密码",
        validators=[DataRequired("请填写新密码"), Length(min=10, max=128, message="新密码须为10至128个字符")],
    )
    confirm = PasswordField(
        "再次输入新密码",
        validators=[DataRequired("请再次输入新密码"), EqualTo("new", "两次输入的新密码不一致")],
    )
