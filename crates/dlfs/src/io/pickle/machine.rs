//! The pickle machine, restricted to what a dict of NumPy arrays needs.
//!
//! A pickle is a list of opcodes, each one byte and maybe an argument, run on a stack: push a
//! value, group the values since the last MARK into a tuple, put the top value in the memo,
//! name a global, call (`REDUCE`) or set the state of (`BUILD`) the value below the top...
//! `STOP` ends it, and the top of the stack is the pickled object.
//!
//! Every object the machine makes lives in one list, `objects`, and the stack holds small
//! [`Value`]s: numbers inline, anything else as an index into that list. Copying a value (the
//! memo, `DUP`) therefore never copies an object, and a pickle that refers to a list a million
//! times costs a million indices, not a million lists. Objects are made one per opcode, so
//! there are never more objects than bytes in the file.

use std::collections::HashMap;

use ndarray::ArrayD;

use super::numpy::{Dtype, Global, array_from_bytes};
use super::{ErrorKind, MAX_MARKS, MAX_MEMO, MAX_STACK, PickleError};

/// The opcodes this reader runs (protocols 2 to 5), named as in Python's `pickletools`.
mod op {
    pub const PROTO: u8 = 0x80;
    pub const FRAME: u8 = 0x95;
    pub const STOP: u8 = b'.';
    pub const MARK: u8 = b'(';
    pub const POP: u8 = b'0';
    pub const POP_MARK: u8 = b'1';
    pub const DUP: u8 = b'2';
    pub const NONE: u8 = b'N';
    pub const NEWTRUE: u8 = 0x88;
    pub const NEWFALSE: u8 = 0x89;
    pub const BININT: u8 = b'J';
    pub const BININT1: u8 = b'K';
    pub const BININT2: u8 = b'M';
    pub const LONG1: u8 = 0x8a;
    pub const LONG4: u8 = 0x8b;
    pub const BINFLOAT: u8 = b'G';
    pub const BINUNICODE: u8 = b'X';
    pub const SHORT_BINUNICODE: u8 = 0x8c;
    pub const BINUNICODE8: u8 = 0x8d;
    pub const BINBYTES: u8 = b'B';
    pub const SHORT_BINBYTES: u8 = b'C';
    pub const BINBYTES8: u8 = 0x8e;
    pub const BYTEARRAY8: u8 = 0x96;
    pub const BINSTRING: u8 = b'T';
    pub const SHORT_BINSTRING: u8 = b'U';
    pub const EMPTY_TUPLE: u8 = b')';
    pub const TUPLE: u8 = b't';
    pub const TUPLE1: u8 = 0x85;
    pub const TUPLE2: u8 = 0x86;
    pub const TUPLE3: u8 = 0x87;
    pub const EMPTY_LIST: u8 = b']';
    pub const LIST: u8 = b'l';
    pub const APPEND: u8 = b'a';
    pub const APPENDS: u8 = b'e';
    pub const EMPTY_DICT: u8 = b'}';
    pub const DICT: u8 = b'd';
    pub const SETITEM: u8 = b's';
    pub const SETITEMS: u8 = b'u';
    pub const BINPUT: u8 = b'q';
    pub const LONG_BINPUT: u8 = b'r';
    pub const MEMOIZE: u8 = 0x94;
    pub const BINGET: u8 = b'h';
    pub const LONG_BINGET: u8 = b'j';
    pub const GLOBAL: u8 = b'c';
    pub const STACK_GLOBAL: u8 = 0x93;
    pub const REDUCE: u8 = b'R';
    pub const BUILD: u8 = b'b';
    pub const NEXT_BUFFER: u8 = 0x97;
    pub const READONLY_BUFFER: u8 = 0x98;
}

/// The opcodes that exist but that a dict of arrays does not need, by name.
fn refused_opcode(byte: u8) -> Option<&'static str> {
    Some(match byte {
        b'I' => "INT",
        b'L' => "LONG",
        b'F' => "FLOAT",
        b'S' => "STRING",
        b'V' => "UNICODE",
        b'g' => "GET",
        b'p' => "PUT",
        b'i' => "INST",
        b'o' => "OBJ",
        b'P' => "PERSID",
        b'Q' => "BINPERSID",
        0x81 => "NEWOBJ",
        0x92 => "NEWOBJ_EX",
        0x82 => "EXT1",
        0x83 => "EXT2",
        0x84 => "EXT4",
        0x8f => "EMPTY_SET",
        0x90 => "ADDITEMS",
        0x91 => "FROZENSET",
        _ => return None,
    })
}

/// A value on the stack or in the memo: a number, or an index into the machine's objects.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Obj(usize),
}

/// What the machine makes.
#[derive(Debug)]
enum Object {
    Str(String),
    /// `bytes`, `bytearray`, or a Python 2 `str` (raw bytes, text in latin-1).
    Bytes(Vec<u8>),
    Tuple(Vec<Value>),
    List(Vec<Value>),
    Dict(Vec<(Value, Value)>),
    Global(Global),
    Dtype(Dtype),
    /// `_reconstruct(ndarray, (0,), b"b")`: an array waiting for its `BUILD`.
    EmptyArray,
    Array(ArrayD<f64>),
    /// An array already handed out by [`Machine::run`].
    Taken,
}

impl Object {
    /// The Python type, for messages.
    fn type_name(&self) -> &'static str {
        match self {
            Object::Str(_) => "str",
            Object::Bytes(_) => "bytes",
            Object::Tuple(_) => "tuple",
            Object::List(_) => "list",
            Object::Dict(_) => "dict",
            Object::Global(g) => g.name(),
            Object::Dtype(_) => "numpy.dtype",
            Object::EmptyArray | Object::Array(_) | Object::Taken => "numpy.ndarray",
        }
    }
}

/// The machine: the bytes, where it is in them, its stack, marks, memo and objects.
pub(super) struct Machine<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Offset of the opcode being run, for errors.
    at: usize,
    stack: Vec<Value>,
    marks: Vec<usize>,
    memo: HashMap<u32, Value>,
    objects: Vec<Object>,
}

type Result<T> = std::result::Result<T, PickleError>;

impl<'a> Machine<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Machine {
            bytes,
            pos: 0,
            at: 0,
            stack: Vec::new(),
            marks: Vec::new(),
            memo: HashMap::new(),
            objects: Vec::new(),
        }
    }

    /// Runs the pickle to its `STOP` and returns the dict's arrays by name.
    pub(super) fn run(mut self) -> Result<Vec<(String, ArrayD<f64>)>> {
        let top = self.execute()?;
        self.at = self.pos.saturating_sub(1);
        let Some(Object::Dict(items)) = self.object(top) else {
            let found = self.type_of(top);
            return Err(self.malformed(format!("the pickle holds a {found}, not a dict of arrays")));
        };
        let items = items.clone();
        let mut arrays: Vec<(String, ArrayD<f64>)> = Vec::with_capacity(items.len());
        let mut index: HashMap<String, usize> = HashMap::new();
        for (key, value) in items {
            let Some(name) = self.text(key) else {
                let found = self.type_of(key);
                return Err(self.malformed(format!("a dict key is a {found}, not a name")));
            };
            let array = match self.take_array(value) {
                Some(array) => array,
                None if matches!(self.object(value), Some(Object::Taken)) => {
                    let msg = format!(
                        "{name:?} names an array that another name has already \
                         (one array under two names is not read)"
                    );
                    return Err(self.malformed(msg));
                }
                None => {
                    let found = self.type_of(value);
                    let msg = format!("{name:?} is a {found}, not a NumPy array");
                    return Err(self.malformed(msg));
                }
            };
            // a name given again keeps its place and takes the new array, as in a Python dict
            match index.get(&name) {
                Some(&i) => arrays[i].1 = array,
                None => {
                    index.insert(name.clone(), arrays.len());
                    arrays.push((name, array));
                }
            }
        }
        Ok(arrays)
    }

    /// The array `value` refers to, moved out (so that an array is never copied: a second
    /// name for the same array object finds it taken).
    fn take_array(&mut self, value: Value) -> Option<ArrayD<f64>> {
        let Value::Obj(i) = value else { return None };
        match std::mem::replace(&mut self.objects[i], Object::Taken) {
            Object::Array(a) => Some(a),
            other => {
                self.objects[i] = other;
                None
            }
        }
    }

    /// Runs opcodes up to `STOP`; the value it returns.
    fn execute(&mut self) -> Result<Value> {
        if !matches!(self.bytes.first(), Some(&op::PROTO)) {
            let what = if self.bytes.is_empty() {
                "an empty file is not a pickle"
            } else {
                "not a binary pickle: only protocols 2 to 5 are read (save with protocol 2 or later)"
            };
            return Err(self.refused(what.to_string()));
        }
        loop {
            self.at = self.pos;
            let opcode = self.read_u8("an opcode")?;
            if opcode == op::STOP {
                return self.pop();
            }
            self.step(opcode)?;
        }
    }

    /// Runs one opcode (the byte `opcode`, already read) with its argument.
    fn step(&mut self, opcode: u8) -> Result<()> {
        match opcode {
            op::PROTO => {
                let protocol = self.read_u8("the protocol number")?;
                if !(2..=5).contains(&protocol) {
                    let msg = format!("protocol {protocol}: only protocols 2 to 5 are read");
                    return Err(self.refused(msg));
                }
            }
            op::FRAME => {
                let len = self.read_len(8, "a frame length")?;
                self.check_remaining(len, "a frame")?; // frames only group opcodes
            }
            op::MARK => {
                if self.marks.len() >= MAX_MARKS {
                    let msg = format!("more than {MAX_MARKS} nested MARKs");
                    return Err(self.error(ErrorKind::Limit, msg));
                }
                self.marks.push(self.stack.len());
            }
            op::POP => {
                if self.marks.last() == Some(&self.stack.len()) {
                    self.marks.pop(); // POP of a mark drops the mark
                } else {
                    self.pop()?;
                }
            }
            op::POP_MARK => {
                self.pop_mark("POP_MARK")?;
            }
            op::DUP => {
                let top = self.peek()?;
                self.push(top)?;
            }
            op::NONE => self.push(Value::None)?,
            op::NEWTRUE => self.push(Value::Bool(true))?,
            op::NEWFALSE => self.push(Value::Bool(false))?,
            op::BININT => {
                let b = self.take(4, "an int")?;
                let n = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                self.push(Value::Int(i64::from(n)))?;
            }
            op::BININT1 => {
                let n = self.read_u8("an int")?;
                self.push(Value::Int(i64::from(n)))?;
            }
            op::BININT2 => {
                let b = self.take(2, "an int")?;
                self.push(Value::Int(i64::from(u16::from_le_bytes([b[0], b[1]]))))?;
            }
            op::LONG1 | op::LONG4 => {
                let len = if opcode == op::LONG1 {
                    usize::from(self.read_u8("a long's length")?)
                } else {
                    self.read_len(4, "a long's length")?
                };
                let b = self.take(len, "a long")?;
                let n = long(b).ok_or_else(|| {
                    self.malformed(format!("an integer of {len} bytes is too large"))
                })?;
                self.push(Value::Int(n))?;
            }
            op::BINFLOAT => {
                let b = self.take(8, "a float")?;
                let x = f64::from_be_bytes(b.try_into().expect("8 bytes"));
                self.push(Value::Float(x))?;
            }
            op::BINUNICODE | op::SHORT_BINUNICODE | op::BINUNICODE8 => {
                let width = match opcode {
                    op::SHORT_BINUNICODE => 1,
                    op::BINUNICODE => 4,
                    _ => 8,
                };
                let len = self.read_len(width, "a string's length")?;
                let b = self.take(len, "a string")?;
                let s = std::str::from_utf8(b)
                    .map_err(|_| self.malformed("a string that is not UTF-8".to_string()))?;
                self.push_object(Object::Str(s.to_string()))?;
            }
            op::BINBYTES
            | op::SHORT_BINBYTES
            | op::BINBYTES8
            | op::BYTEARRAY8
            | op::BINSTRING
            | op::SHORT_BINSTRING => {
                let width = match opcode {
                    op::SHORT_BINBYTES | op::SHORT_BINSTRING => 1,
                    op::BINBYTES | op::BINSTRING => 4,
                    _ => 8,
                };
                let len = self.read_len(width, "a bytes length")?;
                if opcode == op::BINSTRING && len > i32::MAX as usize {
                    return Err(self.malformed("a negative string length".to_string()));
                }
                let b = self.take(len, "bytes")?;
                self.push_object(Object::Bytes(b.to_vec()))?;
            }
            op::EMPTY_TUPLE => self.push_object(Object::Tuple(Vec::new()))?,
            op::TUPLE => {
                let items = self.pop_mark("TUPLE")?;
                self.push_object(Object::Tuple(items))?;
            }
            op::TUPLE1 | op::TUPLE2 | op::TUPLE3 => {
                let n = usize::from(opcode - op::TUPLE1 + 1);
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.pop()?);
                }
                items.reverse();
                self.push_object(Object::Tuple(items))?;
            }
            op::EMPTY_LIST => self.push_object(Object::List(Vec::new()))?,
            op::LIST => {
                let items = self.pop_mark("LIST")?;
                self.push_object(Object::List(items))?;
            }
            op::APPEND => {
                let item = self.pop()?;
                self.append(vec![item])?;
            }
            op::APPENDS => {
                let items = self.pop_mark("APPENDS")?;
                self.append(items)?;
            }
            op::EMPTY_DICT => self.push_object(Object::Dict(Vec::new()))?,
            op::DICT => {
                let items = self.pop_mark("DICT")?;
                let pairs = self.pairs(items)?;
                self.push_object(Object::Dict(pairs))?;
            }
            op::SETITEM => {
                let value = self.pop()?;
                let key = self.pop()?;
                self.set_items(vec![(key, value)])?;
            }
            op::SETITEMS => {
                let items = self.pop_mark("SETITEMS")?;
                let pairs = self.pairs(items)?;
                self.set_items(pairs)?;
            }
            op::BINPUT | op::LONG_BINPUT | op::MEMOIZE => {
                let index = match opcode {
                    op::BINPUT => u32::from(self.read_u8("a memo index")?),
                    op::LONG_BINPUT => self.read_u32("a memo index")?,
                    _ => u32::try_from(self.memo.len()).expect("at most MAX_MEMO entries"),
                };
                let top = self.peek()?;
                if self.memo.len() >= MAX_MEMO && !self.memo.contains_key(&index) {
                    let msg = format!("more than {MAX_MEMO} memo entries");
                    return Err(self.error(ErrorKind::Limit, msg));
                }
                self.memo.insert(index, top);
            }
            op::BINGET | op::LONG_BINGET => {
                let index = if opcode == op::BINGET {
                    u32::from(self.read_u8("a memo index")?)
                } else {
                    self.read_u32("a memo index")?
                };
                let value = *self.memo.get(&index).ok_or_else(|| {
                    self.malformed(format!("memo entry {index} is read before it is stored"))
                })?;
                self.push(value)?;
            }
            op::GLOBAL => {
                let module = self.line("a global's module")?;
                let name = self.line("a global's name")?;
                self.push_global(&module, &name)?;
            }
            op::STACK_GLOBAL => {
                let name = self.pop()?;
                let module = self.pop()?;
                match (self.object(module), self.object(name)) {
                    (Some(Object::Str(m)), Some(Object::Str(n))) => {
                        let (m, n) = (m.clone(), n.clone());
                        self.push_global(&m, &n)?;
                    }
                    _ => {
                        let msg = "STACK_GLOBAL needs two strings".to_string();
                        return Err(self.malformed(msg));
                    }
                }
            }
            op::REDUCE => {
                let args = self.pop()?;
                let callable = self.pop()?;
                let result = self.reduce(callable, args)?;
                self.push_object(result)?;
            }
            op::BUILD => {
                let state = self.pop()?;
                let target = self.peek()?;
                self.build(target, state)?;
            }
            op::NEXT_BUFFER | op::READONLY_BUFFER => {
                let msg = "an out-of-band buffer (protocol 5): the array's bytes are not in \
                           this file";
                return Err(self.refused(msg.to_string()));
            }
            _ => {
                return Err(match refused_opcode(opcode) {
                    Some(name) => self.refused(format!(
                        "opcode {name} is refused: a dict of NumPy arrays does not need it"
                    )),
                    None => self.malformed(format!(
                        "unknown opcode {opcode:#04x} (damaged, or not a pickle)"
                    )),
                });
            }
        }
        Ok(())
    }

    /// `callable(*args)` for the allowed globals: interpreted here, never executed.
    fn reduce(&self, callable: Value, args: Value) -> Result<Object> {
        let global = match self.object(callable) {
            Some(Object::Global(g)) => *g,
            _ => {
                let found = self.type_of(callable);
                let msg = format!("REDUCE (a call) of a {found} is refused");
                return Err(self.refused(msg));
            }
        };
        let Some(Object::Tuple(args)) = self.object(args) else {
            let msg = format!("the arguments of {} are not a tuple", global.name());
            return Err(self.malformed(msg));
        };
        let bad_args = || self.malformed(format!("unexpected arguments to {}", global.name()));
        match global {
            Global::Reconstruct => match args[..] {
                [cls, _, _]
                    if matches!(self.object(cls), Some(Object::Global(Global::Ndarray))) =>
                {
                    Ok(Object::EmptyArray)
                }
                _ => Err(bad_args()),
            },
            Global::Dtype => {
                let name = args.first().and_then(|&v| self.text(v));
                let name = name.ok_or_else(bad_args)?;
                Dtype::parse(&name)
                    .map(Object::Dtype)
                    .map_err(|e| self.malformed(e))
            }
            Global::Scalar => match args[..] {
                [dtype, data] => {
                    let (dtype, data) = (self.dtype(dtype)?, self.bytes_of(data)?);
                    self.array(dtype, &[], false, data)
                }
                _ => Err(bad_args()),
            },
            Global::FromBuffer => match args[..] {
                [data, dtype, shape, order] => {
                    let (data, dtype, shape) =
                        (self.bytes_of(data)?, self.dtype(dtype)?, self.shape(shape)?);
                    let fortran = match self.text(order).as_deref() {
                        Some("C") => false,
                        Some("F") => true,
                        _ => return Err(bad_args()),
                    };
                    self.array(dtype, &shape, fortran, data)
                }
                _ => Err(bad_args()),
            },
            Global::CodecsEncode => match args[..] {
                [text, encoding] => match (self.object(text), self.text(encoding).as_deref()) {
                    (Some(Object::Str(s)), Some("latin1" | "latin-1")) => latin1(s)
                        .map(Object::Bytes)
                        .ok_or_else(|| self.malformed("text beyond latin-1".to_string())),
                    _ => Err(bad_args()),
                },
                _ => Err(bad_args()),
            },
            Global::Ndarray => Err(self.refused("REDUCE of numpy.ndarray is refused".to_string())),
        }
    }

    /// `BUILD`: hands `state` to the array or dtype `target` (nothing else has a state here).
    fn build(&mut self, target: Value, state: Value) -> Result<()> {
        let Value::Obj(i) = target else {
            let found = self.type_of(target);
            return Err(self.refused(format!("BUILD of a {found} is refused")));
        };
        let Some(Object::Tuple(state)) = self.object(state) else {
            return Err(self.malformed("a state that is not a tuple".to_string()));
        };
        let built = match &self.objects[i] {
            // (version, shape, dtype, is_fortran, raw bytes), the version left out by old NumPy
            Object::EmptyArray => match state[..] {
                [_, shape, dtype, fortran, data] | [shape, dtype, fortran, data] => {
                    let fortran = match fortran {
                        Value::Bool(b) => b,
                        Value::Int(n @ (0 | 1)) => n == 1,
                        _ => return Err(self.malformed("is_fortran is not a bool".to_string())),
                    };
                    let (shape, dtype, data) =
                        (self.shape(shape)?, self.dtype(dtype)?, self.bytes_of(data)?);
                    self.array(dtype, &shape, fortran, data)?
                }
                _ => return Err(self.malformed("an array state of the wrong length".to_string())),
            },
            // (version, byte order, subarray, names, fields, itemsize, alignment, flags[, meta])
            Object::Dtype(dtype) => match state[..] {
                [_, order, Value::None, Value::None, Value::None, ..] if state.len() >= 8 => {
                    let order = self.text(order).unwrap_or_default();
                    let dtype = dtype
                        .with_byte_order(&order)
                        .map_err(|e| self.malformed(e))?;
                    Object::Dtype(dtype)
                }
                _ => {
                    let msg = "a structured or unknown dtype state".to_string();
                    return Err(self.malformed(msg));
                }
            },
            other => {
                let msg = format!("BUILD of a {} is refused", other.type_name());
                return Err(self.refused(msg));
            }
        };
        self.objects[i] = built;
        Ok(())
    }

    /// An array from raw bytes, as an object, or the reason why not.
    fn array(&self, dtype: Dtype, shape: &[usize], fortran: bool, data: &[u8]) -> Result<Object> {
        array_from_bytes(dtype, shape, fortran, data)
            .map(Object::Array)
            .map_err(|e| self.malformed(e))
    }

    /// The dtype `v` refers to.
    fn dtype(&self, v: Value) -> Result<Dtype> {
        match self.object(v) {
            Some(Object::Dtype(d)) => Ok(*d),
            _ => Err(self.malformed(format!("a {} where a dtype belongs", self.type_of(v)))),
        }
    }

    /// The bytes `v` refers to (an array's data).
    fn bytes_of(&self, v: Value) -> Result<&[u8]> {
        match self.object(v) {
            Some(Object::Bytes(b)) => Ok(b),
            Some(Object::List(_)) => Err(self.refused("an array of Python objects".to_string())),
            _ => Err(self.malformed(format!("a {} where bytes belong", self.type_of(v)))),
        }
    }

    /// A shape: a tuple of non-negative ints.
    fn shape(&self, v: Value) -> Result<Vec<usize>> {
        let bad = || self.malformed("a shape that is not a tuple of sizes".to_string());
        let Some(Object::Tuple(dims)) = self.object(v) else {
            return Err(bad());
        };
        dims.iter()
            .map(|d| match d {
                Value::Int(n) => usize::try_from(*n).map_err(|_| bad()),
                _ => Err(bad()),
            })
            .collect()
    }

    /// A name: a `str`, or a Python 2 `str` (bytes read as latin-1).
    fn text(&self, v: Value) -> Option<String> {
        match self.object(v)? {
            Object::Str(s) => Some(s.clone()),
            Object::Bytes(b) => Some(b.iter().map(|&c| char::from(c)).collect()),
            _ => None,
        }
    }

    fn object(&self, v: Value) -> Option<&Object> {
        match v {
            Value::Obj(i) => self.objects.get(i),
            _ => None,
        }
    }

    /// The Python type of `v`, for messages.
    fn type_of(&self, v: Value) -> &'static str {
        match v {
            Value::None => "None",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Obj(i) => self.objects[i].type_name(),
        }
    }

    /// Pushes the global `module.name`, or refuses it.
    fn push_global(&mut self, module: &str, name: &str) -> Result<()> {
        match Global::lookup(module, name) {
            Some(g) => self.push_object(Object::Global(g)),
            None => Err(self.refused(format!(
                "refused global {}.{}: only NumPy's array reconstruction is allowed",
                module.escape_debug(), // the file's text, shown without control characters
                name.escape_debug()
            ))),
        }
    }

    /// Appends `items` to the list on top of the stack.
    fn append(&mut self, items: Vec<Value>) -> Result<()> {
        let top = self.peek()?;
        match top {
            Value::Obj(i) if matches!(self.objects[i], Object::List(_)) => {
                if let Object::List(list) = &mut self.objects[i] {
                    list.extend(items);
                }
                Ok(())
            }
            _ => Err(self.malformed(format!("APPEND to a {}", self.type_of(top)))),
        }
    }

    /// Adds `pairs` to the dict on top of the stack.
    fn set_items(&mut self, pairs: Vec<(Value, Value)>) -> Result<()> {
        let top = self.peek()?;
        match top {
            Value::Obj(i) if matches!(self.objects[i], Object::Dict(_)) => {
                if let Object::Dict(dict) = &mut self.objects[i] {
                    dict.extend(pairs);
                }
                Ok(())
            }
            _ => Err(self.malformed(format!("SETITEM on a {}", self.type_of(top)))),
        }
    }

    /// `[k1, v1, k2, v2, ...]` as pairs.
    fn pairs(&self, items: Vec<Value>) -> Result<Vec<(Value, Value)>> {
        let pairs = items.chunks_exact(2);
        if !pairs.remainder().is_empty() {
            return Err(self.malformed("a key without a value".to_string()));
        }
        Ok(pairs.map(|kv| (kv[0], kv[1])).collect())
    }

    fn push(&mut self, v: Value) -> Result<()> {
        if self.stack.len() >= MAX_STACK {
            let msg = format!("more than {MAX_STACK} values on the stack");
            return Err(self.error(ErrorKind::Limit, msg));
        }
        self.stack.push(v);
        Ok(())
    }

    fn push_object(&mut self, o: Object) -> Result<()> {
        self.objects.push(o);
        self.push(Value::Obj(self.objects.len() - 1))
    }

    /// The top value, which must lie above the last mark.
    fn peek(&self) -> Result<Value> {
        let floor = self.marks.last().copied().unwrap_or(0);
        match self.stack.last() {
            Some(&v) if self.stack.len() > floor => Ok(v),
            _ => Err(self.malformed("the stack is empty".to_string())),
        }
    }

    fn pop(&mut self) -> Result<Value> {
        let v = self.peek()?;
        self.stack.pop();
        Ok(v)
    }

    /// The values above the last mark, removed with the mark.
    fn pop_mark(&mut self, opcode: &str) -> Result<Vec<Value>> {
        let mark = self
            .marks
            .pop()
            .ok_or_else(|| self.malformed(format!("{opcode} without a MARK")))?;
        Ok(self.stack.split_off(mark))
    }

    /// The next `n` bytes; an error, before anything is allocated, if the file has fewer.
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        self.check_remaining(n, what)?;
        let b = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(b)
    }

    fn check_remaining(&self, n: usize, what: &str) -> Result<()> {
        let left = self.bytes.len() - self.pos;
        if n > left {
            let msg = if n > 8 {
                format!("{what} of {n} bytes is declared but only {left} bytes are left")
            } else {
                format!("the file ends inside {what}")
            };
            return Err(self.error(ErrorKind::Truncated, msg));
        }
        Ok(())
    }

    fn read_u8(&mut self, what: &str) -> Result<u8> {
        Ok(self.take(1, what)?[0])
    }

    fn read_u32(&mut self, what: &str) -> Result<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A little-endian length of `width` bytes (1, 4 or 8); one that does not fit a `usize`
    /// becomes `usize::MAX`, which no file has left.
    fn read_len(&mut self, width: usize, what: &str) -> Result<usize> {
        let b = self.take(width, what)?;
        let mut le = [0u8; 8];
        le[..width].copy_from_slice(b);
        Ok(usize::try_from(u64::from_le_bytes(le)).unwrap_or(usize::MAX))
    }

    /// A text line ending in `\n` (GLOBAL's module and name), at most 256 bytes.
    fn line(&mut self, what: &str) -> Result<String> {
        let rest = &self.bytes[self.pos..];
        let Some(end) = rest.iter().take(256).position(|&c| c == b'\n') else {
            return Err(if rest.len() < 256 && !rest.contains(&b'\n') {
                self.error(ErrorKind::Truncated, format!("the file ends inside {what}"))
            } else {
                self.malformed(format!("{what} longer than 256 bytes"))
            });
        };
        let line = std::str::from_utf8(&rest[..end])
            .map_err(|_| self.malformed(format!("{what} is not text")))?
            .to_string();
        self.pos += end + 1;
        Ok(line)
    }

    fn error(&self, kind: ErrorKind, message: String) -> PickleError {
        PickleError {
            at: self.at,
            kind,
            message,
        }
    }

    fn malformed(&self, message: String) -> PickleError {
        self.error(ErrorKind::Malformed, message)
    }

    fn refused(&self, message: String) -> PickleError {
        self.error(ErrorKind::Refused, message)
    }
}

/// A little-endian two's-complement integer of up to 8 bytes (LONG1, LONG4).
fn long(b: &[u8]) -> Option<i64> {
    if b.len() > 8 {
        return None;
    }
    let fill = if b.last().is_some_and(|&c| c & 0x80 != 0) {
        0xff
    } else {
        0
    };
    let mut le = [fill; 8];
    le[..b.len()].copy_from_slice(b);
    Some(i64::from_le_bytes(le))
}

/// `text.encode("latin1")`: every character below 256 becomes that byte.
fn latin1(text: &str) -> Option<Vec<u8>> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect()
}
